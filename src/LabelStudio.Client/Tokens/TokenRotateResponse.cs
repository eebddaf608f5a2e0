using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tokens;

/// <summary>Answer of the token rotation.</summary>
public sealed class TokenRotateResponse
{
    /// <summary>The new personal access token.</summary>
    public string? Refresh { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
