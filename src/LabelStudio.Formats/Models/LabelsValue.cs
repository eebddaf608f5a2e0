using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>labels</c>: a text span (character offsets) or an audio segment (seconds). When a <c>Labels</c> control labels a geometry region (split form), the geometry stays in <see cref="ExtensibleModel.AdditionalProperties"/>.</summary>
public sealed class LabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Start: character offset for text, seconds for audio.</summary>
    [JsonPropertyName("start")]
    public double? Start { get; set; }

    /// <summary>End: character offset (exclusive) for text, seconds for audio.</summary>
    [JsonPropertyName("end")]
    public double? End { get; set; }

    /// <summary>The selected text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Labels (<c>labels</c>).</summary>
    [JsonPropertyName("labels")]
    public IList<string> Labels { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => Labels;
}
