using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client;

/// <summary>The server's version information.</summary>
public sealed class LabelStudioVersion
{
    /// <summary>Release, e.g. 1.22.0.</summary>
    public string? Release { get; set; }

    /// <summary>"Community" or "Enterprise".</summary>
    public string? Edition { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
