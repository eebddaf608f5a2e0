using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>paragraphlabels</c>: a span across paragraphs of a <c>Paragraphs</c> object.</summary>
public sealed class ParagraphLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Index of the first paragraph, as Label Studio writes it (a string).</summary>
    [JsonPropertyName("start")]
    public string? Start { get; set; }

    /// <summary>Index of the last paragraph.</summary>
    [JsonPropertyName("end")]
    public string? End { get; set; }

    /// <summary>Character offset in the first paragraph.</summary>
    [JsonPropertyName("startOffset")]
    public int? StartOffset { get; set; }

    /// <summary>Character offset in the last paragraph.</summary>
    [JsonPropertyName("endOffset")]
    public int? EndOffset { get; set; }

    /// <summary>The selected text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Labels (<c>paragraphlabels</c>).</summary>
    [JsonPropertyName("paragraphlabels")]
    public IList<string> ParagraphLabels { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => ParagraphLabels;
}
