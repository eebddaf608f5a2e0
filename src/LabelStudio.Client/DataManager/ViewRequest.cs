using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>Creates or updates a Data Manager view.</summary>
public sealed class ViewRequest
{
    /// <summary>Project id.</summary>
    public int? Project { get; set; }

    /// <summary>Filters, ordering and columns.</summary>
    public ViewData? Data { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
