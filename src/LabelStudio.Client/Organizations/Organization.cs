using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Organizations;

/// <summary>An organization.</summary>
public sealed class Organization
{
    /// <summary>Organization id.</summary>
    public int? Id { get; set; }

    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Invite token.</summary>
    public string? Token { get; set; }

    /// <summary>Contact e-mail.</summary>
    public string? ContactInfo { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
