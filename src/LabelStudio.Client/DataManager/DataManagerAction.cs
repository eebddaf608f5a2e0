using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>A Data Manager action available for a project.</summary>
public sealed class DataManagerAction
{
    /// <summary>Action id, e.g. delete_tasks.</summary>
    public string? Id { get; set; }

    /// <summary>Display title.</summary>
    public string? Title { get; set; }

    /// <summary>Order.</summary>
    public int? Order { get; set; }

    /// <summary>Hidden from the menu.</summary>
    public bool? Hidden { get; set; }

    /// <summary>Experimental.</summary>
    public bool? Experimental { get; set; }

    /// <summary>Confirmation dialog.</summary>
    public JsonElement? Dialog { get; set; }

    /// <summary>Permission(s) required: a string or a list.</summary>
    public JsonElement? Permission { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
