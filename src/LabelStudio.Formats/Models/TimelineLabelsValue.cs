using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>timelinelabels</c>: frame ranges of a video.</summary>
public sealed class TimelineLabelsValue : ResultValue, ILabeledValue
{
    /// <summary>Frame ranges.</summary>
    [JsonPropertyName("ranges")]
    public IList<FrameRange> Ranges { get; set; } = [];

    /// <summary>Labels (<c>timelinelabels</c>).</summary>
    [JsonPropertyName("timelinelabels")]
    public IList<string> TimelineLabels { get; set; } = [];

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => TimelineLabels;
}
