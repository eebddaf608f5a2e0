using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.DataManager;

/// <summary>A task query: filters, ordering and selection, as the <c>query</c> parameter of the task list and Data Manager actions take it.</summary>
public sealed class DataManagerQuery
{
    /// <summary>Filters (null: all tasks).</summary>
    public DataManagerFilters? Filters { get; set; }

    /// <summary>Ordering columns with the <c>tasks:</c> prefix; <c>-</c> in front for descending.</summary>
    public IList<string>? Ordering { get; set; }

    /// <summary>Selection (<c>selectedItems</c>, camelCase on the wire as Label Studio reads it): <c>{"all": true, "excluded": [ids]}</c> or <c>{"all": false, "included": [ids]}</c>.</summary>
    [JsonPropertyName("selectedItems")]
    public JsonElement? SelectedItems { get; set; }

    /// <summary>The query as the compact JSON the server expects in the <c>query</c> parameter.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, LabelStudioJsonContext.Default.DataManagerQuery);

    /// <summary>Fields this version of the client does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
