using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>rectangle</c> and <c>rectanglelabels</c>: a box in percent (0-100) of the image, rotated clockwise about its top-left corner.</summary>
[JsonConverter(typeof(RectangleValueConverter))]
public sealed class RectangleValue : ResultValue, ILabeledValue
{
    /// <summary>Left edge, percent of the image width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Top edge, percent of the image height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Width, percent of the image width.</summary>
    [JsonPropertyName("width")]
    public double Width { get; set; }

    /// <summary>Height, percent of the image height.</summary>
    [JsonPropertyName("height")]
    public double Height { get; set; }

    /// <summary>Clockwise rotation in degrees about the top-left corner.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; set; }

    /// <summary>Labels (<c>rectanglelabels</c>); <see langword="null"/> for a plain <c>rectangle</c>.</summary>
    [JsonPropertyName("rectanglelabels")]
    public IList<string>? RectangleLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => RectangleLabels;
}
