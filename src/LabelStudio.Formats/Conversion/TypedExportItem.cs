using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// One unit of the official converter's item pipeline, over the typed models: a task with one of its annotations
/// (or none, for an unannotated task) and the annotation's kept results grouped by <c>from_name</c> in first-seen order, each group with the
/// schema's control type, or null for a group the official converter keeps without a control (chat messages), whose
/// regions each carry their own type. No JSON tree is built; the text exporters format from the models directly.
/// </summary>
internal sealed class TypedExportItem
{
    public required long TaskIndex { get; init; }

    public required LabelStudioTask Task { get; init; }

    public Annotation? Annotation { get; init; }

    public required IReadOnlyList<(string Name, string? ControlType, List<Result> Results)> Outputs { get; init; }

    /// <summary>
    /// One output group's regions as the official item holds them (value dicts with <c>type</c> and the original
    /// size), for the exporters that work on those dicts: built per group, never for the whole task.
    /// </summary>
    public static List<JsonObject> ValueObjects(string? controlType, List<Result> results)
    {
        var values = new List<JsonObject>(results.Count);
        foreach (var result in results)
        {
            values.Add(ExportItemReader.ValueObject(result, controlType));
        }

        return values;
    }
}
