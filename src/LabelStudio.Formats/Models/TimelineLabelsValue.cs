using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>timelinelabels</c>: frame ranges of a video.</summary>
public sealed class TimelineLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Frame ranges.</summary>
    [JsonPropertyName("ranges")]
    public IList<FrameRange> Ranges { get; init; } = [];

    /// <summary>Labels (<c>timelinelabels</c>).</summary>
    [JsonPropertyName("timelinelabels")]
    public IList<string> TimelineLabels { get; init; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => TimelineLabels;
}
