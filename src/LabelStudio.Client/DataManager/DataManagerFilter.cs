using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>One Data Manager filter item, e.g. <c>{"filter": "filter:tasks:data.score", "operator": "greater", "type": "Number", "value": 5}</c>.</summary>
public sealed class DataManagerFilter
{
    /// <summary>The filtered column with its <c>filter:tasks:</c> prefix.</summary>
    public string Filter { get; set; } = string.Empty;

    /// <summary>The operator, e.g. <c>equal</c>, <c>greater</c>, <c>contains</c>, <c>in</c>, <c>empty</c>.</summary>
    public string Operator { get; set; } = string.Empty;

    /// <summary>The column type: <c>Number</c>, <c>String</c>, <c>Boolean</c>, <c>Datetime</c>, <c>List</c>, ...</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The value: a string, number, boolean or a <c>{"min", "max"}</c> range.</summary>
    public JsonElement Value { get; set; }

    /// <summary>Fields this version of the client does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
