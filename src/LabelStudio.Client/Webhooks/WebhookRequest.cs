using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Webhooks;

/// <summary>Creates or updates a webhook; unset fields are not sent.</summary>
public sealed class WebhookRequest
{
    /// <summary>Project id (null: organization-wide).</summary>
    public int? Project { get; set; }

    /// <summary>Target URL.</summary>
    public string? Url { get; set; }

    /// <summary>Send the event payload.</summary>
    public bool? SendPayload { get; set; }

    /// <summary>Send for every action.</summary>
    public bool? SendForAllActions { get; set; }

    /// <summary>Extra headers.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Active.</summary>
    public bool? IsActive { get; set; }

    /// <summary>Actions that trigger it, e.g. ANNOTATION_CREATED.</summary>
    public List<string>? Actions { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
