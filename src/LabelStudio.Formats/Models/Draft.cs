using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>An annotation draft: work in progress that has not been submitted.</summary>
public sealed class Draft : ExtensibleModel
{
    /// <summary>Draft id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>The draft regions (<c>result</c>); empty when there are none.</summary>
    [JsonPropertyName("result")]
    public IList<Result> Results { get; init; } = [];

    /// <summary>Who owns the draft (<c>user</c>): an id or an email depending on the endpoint.</summary>
    [JsonPropertyName("user")]
    public JsonNode? User { get; init; }

    /// <summary>Seconds spent so far (<c>lead_time</c>).</summary>
    [JsonPropertyName("lead_time")]
    public double? LeadTime { get; init; }

    /// <summary>Whether the task was postponed (<c>was_postponed</c>).</summary>
    [JsonPropertyName("was_postponed")]
    public bool? WasPostponed { get; init; }

    /// <summary>Annotation the draft belongs to (<c>annotation</c>).</summary>
    [JsonPropertyName("annotation")]
    public long? Annotation { get; init; }

    /// <summary>Task id (<c>task</c>).</summary>
    [JsonPropertyName("task")]
    public long? Task { get; init; }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(TimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(TimestampConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }
}
