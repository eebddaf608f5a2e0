using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Users;

/// <summary>Fields to create or update a user; unset fields are not sent.</summary>
public sealed class UserRequest
{
    /// <summary>User name.</summary>
    public string? Username { get; set; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>First name.</summary>
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    public string? LastName { get; set; }

    /// <summary>Phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>Newsletter consent.</summary>
    public bool? AllowNewsletters { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
