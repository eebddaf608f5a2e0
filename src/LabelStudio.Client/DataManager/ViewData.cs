using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>The settings of a Data Manager view.</summary>
public sealed class ViewData
{
    /// <summary>Tab title.</summary>
    public string? Title { get; set; }

    /// <summary>Filters.</summary>
    public DataManagerFilters? Filters { get; set; }

    /// <summary>Ordering columns (prefix - for descending), e.g. tasks:data.score.</summary>
    public IList<string>? Ordering { get; set; }

    /// <summary>Column → display type.</summary>
    public JsonElement? ColumnsDisplayType { get; set; }

    /// <summary>Hidden columns.</summary>
    public List<string>? HiddenColumns { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
