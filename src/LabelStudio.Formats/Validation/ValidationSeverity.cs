namespace LabelStudio.Formats.Validation;

/// <summary>How serious a <see cref="ValidationDiagnostic"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>Label Studio would reject the data, or silently not show it.</summary>
    Error = 0,

    /// <summary>Accepted by Label Studio, but probably not what was meant (a region without a label, a result without image size).</summary>
    Warning,
}
