using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Tokens;

/// <summary>Organization JWT settings.</summary>
public sealed class JwtSettings
{
    /// <summary>Personal access tokens allowed.</summary>
    public bool? ApiTokensEnabled { get; set; }

    /// <summary>Legacy tokens allowed.</summary>
    public bool? LegacyApiTokensEnabled { get; set; }

    /// <summary>Lifetime of personal access tokens in days.</summary>
    public int? ApiTokenTtlDays { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
