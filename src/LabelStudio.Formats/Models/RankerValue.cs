using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>ranker</c>: item ids per bucket (or list).</summary>
public sealed class RankerValue : ResultValue
{
    /// <summary>Item ids by bucket name, in rank order.</summary>
    [JsonPropertyName("ranker")]
    public IDictionary<string, IList<string>> Ranker { get; set; } = new Dictionary<string, IList<string>>();
}
