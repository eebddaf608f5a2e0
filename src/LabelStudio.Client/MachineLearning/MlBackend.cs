using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.MachineLearning;

/// <summary>An ML backend connected to a project.</summary>
public sealed class MlBackend
{
    /// <summary>Backend id.</summary>
    public int? Id { get; set; }

    /// <summary>Connection state.</summary>
    public MlBackendState? State { get; set; }

    /// <summary>State as text.</summary>
    public string? ReadableState { get; set; }

    /// <summary>Used for interactive pre-annotation.</summary>
    public bool? IsInteractive { get; set; }

    /// <summary>Backend URL.</summary>
    public string? Url { get; set; }

    /// <summary>Last error.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>NONE or BASIC_AUTH.</summary>
    public string? AuthMethod { get; set; }

    /// <summary>Basic-auth user.</summary>
    public string? BasicAuthUser { get; set; }

    /// <summary>Whether a basic-auth password is set.</summary>
    public bool? BasicAuthPassIsSet { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Extra parameters sent to the backend.</summary>
    public JsonElement? ExtraParams { get; set; }

    /// <summary>Model version.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Request timeout in seconds.</summary>
    public double? Timeout { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Update time.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Follow the backend's latest model version.</summary>
    public bool? AutoUpdate { get; set; }

    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
