using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>A Data Manager view (tab) of a project.</summary>
public sealed class View
{
    /// <summary>View id.</summary>
    public int? Id { get; set; }

    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Owner user id.</summary>
    public int? User { get; set; }

    /// <summary>Position among the tabs.</summary>
    public int? Order { get; set; }

    /// <summary>Filters, ordering and columns.</summary>
    public ViewData? Data { get; set; }

    /// <summary>Locked view.</summary>
    public bool? IsLocked { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
