namespace LabelStudio.Config.Changes;

/// <summary>What a project's existing annotations and drafts use: the input of <see cref="ConfigChangeCheck"/>.</summary>
public sealed class AnnotationUsageSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="results">The (from_name, to_name, type) triples results use.</param>
    /// <param name="labels">The labels results use, per control.</param>
    public AnnotationUsageSummary(IEnumerable<ResultUsage> results, IEnumerable<LabelUsage> labels)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(labels);
        Results = [.. results];
        Labels = [.. labels];
    }

    /// <summary>An empty summary: a project without annotations.</summary>
    public static AnnotationUsageSummary Empty { get; } = new([], []);

    /// <summary>The (from_name, to_name, type) triples results use.</summary>
    public IReadOnlyList<ResultUsage> Results { get; }

    /// <summary>The labels results use, per control.</summary>
    public IReadOnlyList<LabelUsage> Labels { get; }
}
