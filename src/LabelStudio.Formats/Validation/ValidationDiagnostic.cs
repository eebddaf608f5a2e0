using System.Globalization;
using System.Text;

namespace LabelStudio.Formats.Validation;

/// <summary>One problem found by <see cref="TaskValidator"/>, with the place it was found.</summary>
public sealed record ValidationDiagnostic
{
    /// <summary>The stable code (<see cref="ValidationCodes"/>), e.g. <c>LSF0020</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Error or warning.</summary>
    public required ValidationSeverity Severity { get; init; }

    /// <summary>What is wrong and what was expected.</summary>
    public required string Message { get; init; }

    /// <summary>0-based position of the task in the export (or the index the caller passed).</summary>
    public long TaskIndex { get; init; }

    /// <summary>The task's <c>id</c>, when it has one.</summary>
    public long? TaskId { get; init; }

    /// <summary>Whether the problem is in the task data, an annotation, a prediction or a draft.</summary>
    public ValidationTarget Target { get; init; }

    /// <summary>0-based index of the annotation, prediction or draft in its list; null for task data.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>The <c>id</c> of the annotation, prediction or draft, when it has one.</summary>
    public long? ItemId { get; init; }

    /// <summary>0-based index of the result in the <c>result</c> list; null when not about one result.</summary>
    public int? ResultIndex { get; init; }

    /// <summary>The result's region <c>id</c>, when it has one.</summary>
    public string? RegionId { get; init; }

    /// <summary>The field concerned (<c>from_name</c>, <c>value.x</c>, <c>data.image</c>, ...), when there is one.</summary>
    public string? Field { get; init; }

    /// <summary>Where the problem is, e.g. <c>task 3 (id 17), prediction 0 (id 5), result 2 (region "r1"), value.x</c>.</summary>
    public string Location
    {
        get
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"task {TaskIndex}");
            if (TaskId is { } taskId)
            {
                text.Append(CultureInfo.InvariantCulture, $" (id {taskId})");
            }

            if (Target != ValidationTarget.Task)
            {
                var name = Target switch
                {
                    ValidationTarget.Annotation => "annotation",
                    ValidationTarget.Prediction => "prediction",
                    _ => "draft",
                };
                text.Append(CultureInfo.InvariantCulture, $", {name} {ItemIndex}");
                if (ItemId is { } itemId)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (id {itemId})");
                }
            }

            if (ResultIndex is { } resultIndex)
            {
                text.Append(CultureInfo.InvariantCulture, $", result {resultIndex}");
                if (RegionId is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (region \"{RegionId}\")");
                }
            }

            if (Field is not null)
            {
                text.Append(", ").Append(Field);
            }

            return text.ToString();
        }
    }

    /// <summary>Compiler-style text: <c>task 0 (id 1), annotation 0, result 1 (region "a"): error LSF0020: ...</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Location}: {(Severity == ValidationSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
