using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tokens;

/// <summary>The current user's legacy API key.</summary>
public sealed class LegacyToken
{
    /// <summary>The key.</summary>
    public string? Token { get; set; }

    /// <summary>Server message.</summary>
    public string? Detail { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
