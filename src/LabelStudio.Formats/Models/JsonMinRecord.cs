using System.Text.Json.Nodes;

namespace LabelStudio.Formats.Models;

/// <summary>
/// One record of a <c>JSON_MIN</c> export: the task data, then <c>id</c>, one member per control
/// (<c>from_name</c>), then <c>annotator</c>, <c>annotation_id</c>, <c>created_at</c>, <c>updated_at</c>,
/// <c>lead_time</c> and sometimes <c>agreement</c>. The members are kept as read, in order.
/// </summary>
public sealed class JsonMinRecord
{
    /// <summary>Wraps the members of a record.</summary>
    /// <param name="fields">The record object.</param>
    public JsonMinRecord(JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
    }

    /// <summary>Every member of the record.</summary>
    public JsonObject Fields { get; }

    /// <summary>The task id (<c>id</c>), when it is an integer.</summary>
    public long? Id => GetInt64("id");

    /// <summary>The annotation id (<c>annotation_id</c>), when it is an integer.</summary>
    public long? AnnotationId => GetInt64("annotation_id");

    /// <summary>The annotator (<c>annotator</c>): a user id, an email, or <see langword="null"/> when unannotated.</summary>
    public JsonNode? Annotator => Fields["annotator"];

    private long? GetInt64(string name) =>
        Fields[name] is JsonValue value && value.TryGetValue(out long number) ? number : null;
}
