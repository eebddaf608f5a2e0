using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>textarea</c>: free text.</summary>
public sealed class TextAreaValue : ResultValue
{
    /// <summary>The submitted texts.</summary>
    [JsonPropertyName("text")]
    public IList<string> Text { get; set; } = [];
}
