using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>An annotation draft: work in progress that has not been submitted.</summary>
public sealed class Draft : ExtensibleModel
{
    /// <summary>Draft id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    /// <summary>The draft regions (<c>result</c>); empty when there are none.</summary>
    [JsonPropertyName("result")]
    public IList<Result> Results { get; set; } = [];

    /// <summary>Who owns the draft (<c>user</c>): an id or an email depending on the endpoint.</summary>
    [JsonPropertyName("user")]
    public JsonNode? User { get; set; }

    /// <summary>Seconds spent so far (<c>lead_time</c>).</summary>
    [JsonPropertyName("lead_time")]
    public double? LeadTime { get; set; }

    /// <summary>Whether the task was postponed (<c>was_postponed</c>).</summary>
    [JsonPropertyName("was_postponed")]
    public bool? WasPostponed { get; set; }

    /// <summary>Annotation the draft belongs to (<c>annotation</c>).</summary>
    [JsonPropertyName("annotation")]
    public long? Annotation { get; set; }

    /// <summary>Task id (<c>task</c>).</summary>
    [JsonPropertyName("task")]
    public long? Task { get; set; }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    public Timestamp? CreatedAt { get; set; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    public Timestamp? UpdatedAt { get; set; }
}
