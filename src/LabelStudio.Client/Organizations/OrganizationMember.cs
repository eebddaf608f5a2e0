using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Organizations;

/// <summary>A member of an organization.</summary>
public sealed class OrganizationMember
{
    /// <summary>User id (or the user object, see AdditionalProperties).</summary>
    public int? User { get; set; }

    /// <summary>Organization id.</summary>
    public int? Organization { get; set; }

    /// <summary>Role.</summary>
    public string? Role { get; set; }

    /// <summary>Membership creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
