using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Webhooks;

/// <summary>A webhook that Label Studio calls on events.</summary>
public sealed class Webhook
{
    /// <summary>Webhook id.</summary>
    public int? Id { get; set; }

    /// <summary>Organization id.</summary>
    public int? Organization { get; set; }

    /// <summary>Project id (null: organization-wide).</summary>
    public int? Project { get; set; }

    /// <summary>Target URL.</summary>
    public string? Url { get; set; }

    /// <summary>Send the event payload.</summary>
    public bool? SendPayload { get; set; }

    /// <summary>Send for every action.</summary>
    public bool? SendForAllActions { get; set; }

    /// <summary>Extra headers sent with each call.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Active.</summary>
    public bool? IsActive { get; set; }

    /// <summary>Actions that trigger it.</summary>
    public List<string>? Actions { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Update time.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
