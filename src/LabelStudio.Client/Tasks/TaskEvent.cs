using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tasks;

/// <summary>
/// A labeling-interface event recorded on a task (<c>POST /api/tasks/{id}/events/</c>), e.g. <c>annotation_loaded</c>
/// or <c>region_finished_drawing</c>. Set <see cref="EventKey"/> and <see cref="EventTime"/> to send one; the server
/// fills in the read-only members of the answer.
/// </summary>
public sealed class TaskEvent
{
    /// <summary>Event type identifier (<c>event_key</c>, required, 1 to 255 characters).</summary>
    public string EventKey { get; set; } = string.Empty;

    /// <summary>When the event happened in the labeling interface (<c>event_time</c>, required).</summary>
    public DateTimeOffset EventTime { get; set; }

    /// <summary>Annotation the event concerns.</summary>
    public long? Annotation { get; set; }

    /// <summary>Draft the event concerns.</summary>
    public long? AnnotationDraftId { get; set; }

    /// <summary>Review the event concerns.</summary>
    public long? Review { get; set; }

    /// <summary>Free-form metadata (region data, hotkey, ...).</summary>
    public JsonElement? Meta { get; set; }

    /// <summary>Event id (answer only).</summary>
    public long? Id { get; set; }

    /// <summary>Task id (answer only).</summary>
    public long? Task { get; set; }

    /// <summary>Project id (answer only).</summary>
    public long? Project { get; set; }

    /// <summary>User who caused the event (answer only).</summary>
    public long? Actor { get; set; }

    /// <summary>Organization id (answer only).</summary>
    public long? Organization { get; set; }

    /// <summary>When the server recorded it (answer only).</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Fields this version of the client does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
