using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Users;

/// <summary>A user as embedded in other resources.</summary>
public sealed class UserSummary
{
    /// <summary>User id.</summary>
    public int? Id { get; set; }

    /// <summary>User name.</summary>
    public string? Username { get; set; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>First name.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    public string? LastName { get; set; }

    /// <summary>Avatar URL.</summary>
    public string? Avatar { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
