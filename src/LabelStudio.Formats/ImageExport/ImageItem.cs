using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// One unit of the official converter's item pipeline: a task with one of its annotations (or none, for a task
/// without annotations) and the annotation's regions whose <c>from_name</c> is a control of the config, grouped by
/// <c>from_name</c> in first-seen order.
/// </summary>
internal sealed record ImageItem(long TaskIndex, LabelStudioTask Task, Annotation? Annotation, IReadOnlyList<Result> Regions)
{
    /// <summary>The annotation produced output (the official <c>item['output']</c> is not empty).</summary>
    public bool HasOutput => Annotation is not null && Regions.Count > 0;

    public string Annotator => Annotations.AnnotatorOf(Annotation);
}
