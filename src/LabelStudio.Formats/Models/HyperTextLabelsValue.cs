using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>hypertextlabels</c>: a span of HTML given by XPaths and offsets.</summary>
public sealed class HyperTextLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>XPath of the start node.</summary>
    [JsonPropertyName("start")]
    public string? Start { get; set; }

    /// <summary>XPath of the end node.</summary>
    [JsonPropertyName("end")]
    public string? End { get; set; }

    /// <summary>Character offset in the start node.</summary>
    [JsonPropertyName("startOffset")]
    public int? StartOffset { get; set; }

    /// <summary>Character offset in the end node.</summary>
    [JsonPropertyName("endOffset")]
    public int? EndOffset { get; set; }

    /// <summary>The selected text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Labels (<c>hypertextlabels</c>).</summary>
    [JsonPropertyName("hypertextlabels")]
    public IList<string> HyperTextLabels { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => HyperTextLabels;
}
