using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Organizations;

/// <summary>The organization session timeout policy.</summary>
public sealed class SessionPolicy
{
    /// <summary>Maximum session age in days.</summary>
    public int? MaxSessionAgeDays { get; set; }

    /// <summary>Maximum idle time in minutes.</summary>
    public int? MaxTimeBetweenActivity { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
