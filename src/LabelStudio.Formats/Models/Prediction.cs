using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A model prediction for a task (pre-annotation).</summary>
public sealed class Prediction : ExtensibleModel
{
    /// <summary>Prediction id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; init; }

    /// <summary>The predicted regions and classifications (<c>result</c>); empty when there are none.</summary>
    [JsonPropertyName("result")]
    public IList<Result> Results { get; init; } = [];

    /// <summary>Version of the model that made the prediction (<c>model_version</c>).</summary>
    [JsonPropertyName("model_version")]
    public string? ModelVersion { get; init; }

    /// <summary>Overall confidence (<c>score</c>), 0 to 1.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; init; }

    /// <summary>Cluster id (<c>cluster</c>).</summary>
    [JsonPropertyName("cluster")]
    public JsonNode? Cluster { get; init; }

    /// <summary>Neighbouring tasks (<c>neighbors</c>).</summary>
    [JsonPropertyName("neighbors")]
    public JsonNode? Neighbors { get; init; }

    /// <summary>Mislabeling score (<c>mislabeling</c>).</summary>
    [JsonPropertyName("mislabeling")]
    public double? Mislabeling { get; init; }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(TimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(TimestampConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>ML backend id (<c>model</c>).</summary>
    [JsonPropertyName("model")]
    public long? Model { get; init; }

    /// <summary>Model run id (<c>model_run</c>).</summary>
    [JsonPropertyName("model_run")]
    public long? ModelRun { get; init; }

    /// <summary>Task id (<c>task</c>).</summary>
    [JsonPropertyName("task")]
    public long? Task { get; init; }

    /// <summary>Project id (<c>project</c>).</summary>
    [JsonPropertyName("project")]
    public long? Project { get; init; }
}
