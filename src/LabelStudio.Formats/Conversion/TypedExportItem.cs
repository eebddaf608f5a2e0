using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// <see cref="ExportItem"/> over the typed models: a task with one of its annotations (or none, for an unannotated
/// task) and the annotation's kept results grouped by <c>from_name</c> in first-seen order, each group with the
/// schema's control type. No JSON tree is built; the text exporters format from the models directly.
/// </summary>
internal sealed class TypedExportItem
{
    public required long TaskIndex { get; init; }

    public required LabelStudioTask Task { get; init; }

    public Annotation? Annotation { get; init; }

    public required IReadOnlyList<(string Name, string ControlType, List<Result> Results)> Outputs { get; init; }
}
