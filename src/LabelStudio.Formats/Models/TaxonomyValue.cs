using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>taxonomy</c>: selected paths in a taxonomy tree.</summary>
public sealed class TaxonomyValue : ResultValue
{
    /// <summary>Each selected item as its path from the root.</summary>
    [JsonPropertyName("taxonomy")]
    public IList<IList<string>> Taxonomy { get; set; } = [];
}
