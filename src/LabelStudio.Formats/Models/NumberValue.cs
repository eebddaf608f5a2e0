using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>number</c>: a number.</summary>
public sealed class NumberValue : ResultValue
{
    /// <summary>The number.</summary>
    [JsonPropertyName("number")]
    public double Number { get; set; }
}
