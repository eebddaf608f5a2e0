using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tokens;

/// <summary>Body of the token refresh and rotation calls.</summary>
public sealed class TokenRefreshRequest
{
    /// <summary>The personal access (refresh) token.</summary>
    public string? Refresh { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
