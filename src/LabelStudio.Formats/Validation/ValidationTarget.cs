namespace LabelStudio.Formats.Validation;

/// <summary>The part of a task a <see cref="ValidationDiagnostic"/> is about.</summary>
public enum ValidationTarget
{
    /// <summary>The task itself (its <c>data</c>).</summary>
    Task = 0,

    /// <summary>One of the task's annotations.</summary>
    Annotation,

    /// <summary>One of the task's predictions.</summary>
    Prediction,

    /// <summary>One of the task's drafts.</summary>
    Draft,
}
