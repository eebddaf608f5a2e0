using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.MachineLearning;

/// <summary>Connects or updates an ML backend; unset fields are not sent.</summary>
public sealed class MlBackendRequest
{
    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Backend URL.</summary>
    public string? Url { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Use for interactive pre-annotation.</summary>
    public bool? IsInteractive { get; set; }

    /// <summary>NONE or BASIC_AUTH.</summary>
    public string? AuthMethod { get; set; }

    /// <summary>Basic-auth user.</summary>
    public string? BasicAuthUser { get; set; }

    /// <summary>Basic-auth password (write-only; never logged).</summary>
    public string? BasicAuthPass { get; set; }

    /// <summary>Extra parameters.</summary>
    public JsonElement? ExtraParams { get; set; }

    /// <summary>Request timeout in seconds.</summary>
    public double? Timeout { get; set; }

    /// <summary>Follow the backend's latest model version.</summary>
    public bool? AutoUpdate { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
