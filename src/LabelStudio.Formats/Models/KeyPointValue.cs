using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>keypoint</c> and <c>keypointlabels</c>: a point in percent of the image.</summary>
[JsonConverter(typeof(KeyPointValueConverter))]
public sealed class KeyPointValue : ResultValue, ILabeledValue
{
    /// <summary>Percent of the image width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Percent of the image height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Point size, percent of the image width.</summary>
    [JsonPropertyName("width")]
    public double? Width { get; set; }

    /// <summary>Labels (<c>keypointlabels</c>); <see langword="null"/> for a plain <c>keypoint</c>.</summary>
    [JsonPropertyName("keypointlabels")]
    public IList<string>? KeyPointLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => KeyPointLabels;
}
