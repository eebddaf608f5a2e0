using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.MachineLearning;

/// <summary>Model versions an ML backend reports.</summary>
public sealed class MlModelVersions
{
    /// <summary>Versions.</summary>
    public List<string>? Versions { get; set; }

    /// <summary>Backend message.</summary>
    public string? Message { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
