using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>ellipse</c> and <c>ellipselabels</c>: centre and radii in percent of the image.</summary>
public sealed class EllipseValue : ResultValue, ILabeledValue
{
    /// <summary>Centre, percent of the image width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Centre, percent of the image height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Horizontal radius, percent of the image width.</summary>
    [JsonPropertyName("radiusX")]
    public double RadiusX { get; set; }

    /// <summary>Vertical radius, percent of the image height.</summary>
    [JsonPropertyName("radiusY")]
    public double RadiusY { get; set; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; set; }

    /// <summary>Labels (<c>ellipselabels</c>); <see langword="null"/> for a plain <c>ellipse</c>.</summary>
    [JsonPropertyName("ellipselabels")]
    public IList<string>? EllipseLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => EllipseLabels;
}
