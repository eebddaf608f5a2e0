using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>pairwise</c>: which of two items was preferred.</summary>
public sealed class PairwiseValue : ResultValue
{
    /// <summary><c>left</c> or <c>right</c>.</summary>
    [JsonPropertyName("selected")]
    public string? Selected { get; set; }
}
