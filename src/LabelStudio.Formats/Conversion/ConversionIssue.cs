namespace LabelStudio.Formats.Conversion;

/// <summary>
/// One thing a converter dropped or wants reported, with the place it happened: the task's index in the input
/// (0-based), its id, the annotation or prediction id and the region id, where they apply.
/// </summary>
/// <param name="Kind">What was dropped, or <see cref="ConversionIssueKind.Warning"/>.</param>
/// <param name="Reason">A stable, machine-readable reason code such as <c>missing-image-size</c>; reports group by it.</param>
/// <param name="Message">A sentence for people saying what was expected.</param>
public sealed record ConversionIssue(ConversionIssueKind Kind, string Reason, string Message)
{
    /// <summary>The 0-based position of the task in the input.</summary>
    public long? TaskIndex { get; init; }

    /// <summary>The task's id, when it has one.</summary>
    public long? TaskId { get; init; }

    /// <summary>The annotation's or prediction's id, when the issue concerns one.</summary>
    public long? AnnotationId { get; init; }

    /// <summary>The region (result) id, when the issue concerns one region.</summary>
    public string? RegionId { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var place = string.Join(", ", new[]
        {
            TaskIndex is { } index ? $"task #{index}" : null,
            TaskId is { } id ? $"id {id}" : null,
            AnnotationId is { } annotation ? $"annotation {annotation}" : null,
            RegionId is { } region ? $"region {region}" : null,
        }.Where(p => p is not null));
        return place.Length == 0 ? $"{Kind} ({Reason}): {Message}" : $"{place}: {Kind} ({Reason}): {Message}";
    }
}
