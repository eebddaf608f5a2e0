using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tokens;

/// <summary>A personal access token as listed (the secret is shown only at creation).</summary>
public sealed class ApiToken
{
    /// <summary>The token (only on creation).</summary>
    public string? Token { get; set; }

    /// <summary>Creation time (ISO 8601 text as the server sends it).</summary>
    public string? CreatedAt { get; set; }

    /// <summary>Expiry time (ISO 8601 text as the server sends it).</summary>
    public string? ExpiresAt { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
