using System.Text.Json.Nodes;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// One unit of the official converter's item pipeline: a task with one of its annotations (or none, for an
/// unannotated task) and the annotation's kept results grouped by <c>from_name</c> in first-seen order.
/// </summary>
internal sealed class ExportItem
{
    public required long TaskIndex { get; init; }

    public required JsonObject Task { get; init; }

    public JsonObject? Annotation { get; init; }

    /// <summary>from_name to the region values (a copy of <c>value</c> plus <c>type</c> and the original size).</summary>
    public required IReadOnlyList<KeyValuePair<string, List<JsonObject>>> Outputs { get; init; }

    public long? TaskId => Task["id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;

    public long? AnnotationId => Annotation?["id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;

    public JsonObject Data => Task["data"] as JsonObject ?? [];
}
