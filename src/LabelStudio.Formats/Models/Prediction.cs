using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// A model prediction for a task (pre-annotation). Some exports list a task's predictions by id only
/// (<c>"predictions": [21]</c>): such an entry reads as a prediction with just <see cref="Id"/> set and is written
/// back as the bare id.
/// </summary>
[JsonConverter(typeof(PredictionConverter))]
public sealed class Prediction : ExtensibleModel
{
    /// <summary>Prediction id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    // Set by the Results setter and by reads that met "result": an explicitly set list is written even when empty.
    internal const ulong ResultsBit = 1UL << 1;

    // Made on first use (see LabelStudioTask): the readers set the list they read, the writers look at the field.
    private IList<Result>? _results;

    /// <summary>
    /// The predicted regions and classifications (<c>result</c>); empty when there are none. Once set (or read from
    /// JSON), the list is written even when empty (<c>"result": []</c>, which the Label Studio API expects); a
    /// <c>result</c> absent from the JSON read stays absent.
    /// </summary>
    [JsonPropertyName("result")]
    public IList<Result> Results
    {
        get => _results ??= [];
        set
        {
            _results = value;
            MarkPresent(ResultsBit);
        }
    }

    internal IList<Result>? ResultsOrNull => _results;

    /// <summary>Version of the model that made the prediction (<c>model_version</c>).</summary>
    [JsonPropertyName("model_version")]
    public string? ModelVersion { get; set; }

    /// <summary>Overall confidence (<c>score</c>), 0 to 1.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; set; }

    /// <summary>Cluster id (<c>cluster</c>).</summary>
    [JsonPropertyName("cluster")]
    public JsonNode? Cluster { get; set; }

    /// <summary>Neighbouring tasks (<c>neighbors</c>).</summary>
    [JsonPropertyName("neighbors")]
    public JsonNode? Neighbors { get; set; }

    /// <summary>Mislabeling score (<c>mislabeling</c>).</summary>
    [JsonPropertyName("mislabeling")]
    public double? Mislabeling { get; set; }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    public Timestamp? CreatedAt { get; set; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    public Timestamp? UpdatedAt { get; set; }

    /// <summary>
    /// ML backend id (<c>model</c>). Predictions nested in task answers carry the ML backend as an object instead; that
    /// object is kept in <see cref="ExtensibleModel.AdditionalProperties"/> under <c>model</c> (and written back) while this
    /// stays null.
    /// </summary>
    [JsonPropertyName("model")]
    public long? Model { get; set; }

    /// <summary>Model run id (<c>model_run</c>); an object is kept in <see cref="ExtensibleModel.AdditionalProperties"/> like <see cref="Model"/>'s.</summary>
    [JsonPropertyName("model_run")]
    public long? ModelRun { get; set; }

    /// <summary>Task id (<c>task</c>).</summary>
    [JsonPropertyName("task")]
    public long? Task { get; set; }

    /// <summary>Whether this prediction was read from a bare id, and is written back as one.</summary>
    [JsonIgnore]
    public bool IsIdReference { get; set; }

    /// <summary>Project id (<c>project</c>).</summary>
    [JsonPropertyName("project")]
    public long? Project { get; set; }

    /// <summary>How long ago the prediction was created, as text (<c>created_ago</c>); read-only on the server.</summary>
    [JsonPropertyName("created_ago")]
    public string? CreatedAgo { get; set; }
}
