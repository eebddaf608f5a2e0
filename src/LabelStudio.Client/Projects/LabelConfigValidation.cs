using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Projects;

/// <summary>The server's answer to a label-config validation.</summary>
public sealed class LabelConfigValidation
{
    /// <summary>The validated config.</summary>
    public string? LabelConfig { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
