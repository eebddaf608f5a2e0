using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>hypertextlabels</c>: a span of HTML given by XPaths and offsets.</summary>
public sealed class HyperTextLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>XPath of the start node.</summary>
    [JsonPropertyName("start")]
    public string? Start { get; init; }

    /// <summary>XPath of the end node.</summary>
    [JsonPropertyName("end")]
    public string? End { get; init; }

    /// <summary>Character offset in the start node.</summary>
    [JsonPropertyName("startOffset")]
    public int? StartOffset { get; init; }

    /// <summary>Character offset in the end node.</summary>
    [JsonPropertyName("endOffset")]
    public int? EndOffset { get; init; }

    /// <summary>The selected text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>Labels (<c>hypertextlabels</c>).</summary>
    [JsonPropertyName("hypertextlabels")]
    public IList<string> HyperTextLabels { get; init; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => HyperTextLabels;
}
