using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Organizations;

/// <summary>A member of an organization.</summary>
public sealed class OrganizationMember
{
    /// <summary>The member: a user object in lists, a user id when one membership is read (as the server sends it).</summary>
    public JsonElement? User { get; set; }

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
