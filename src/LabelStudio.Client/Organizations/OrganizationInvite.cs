using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Organizations;

/// <summary>The organization's invite link.</summary>
public sealed class OrganizationInvite
{
    /// <summary>Invite URL.</summary>
    public string? InviteUrl { get; set; }

    /// <summary>Invite token.</summary>
    public string? Token { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
