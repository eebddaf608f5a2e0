using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.DataManager;

/// <summary>The filter block of a Data Manager query or view: a conjunction over filter items.</summary>
public sealed class DataManagerFilters
{
    /// <summary><c>and</c> or <c>or</c>.</summary>
    public string Conjunction { get; set; } = "and";

    /// <summary>The filter items.</summary>
    public IList<DataManagerFilter> Items { get; set; } = [];

    /// <summary>Fields this version of the client does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
