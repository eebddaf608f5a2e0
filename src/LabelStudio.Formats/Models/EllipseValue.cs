using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>ellipse</c> and <c>ellipselabels</c>: centre and radii in percent of the image.</summary>
public sealed class EllipseValue : ResultValue, ILabeledValue
{
    /// <summary>Centre, percent of the image width.</summary>
    [JsonPropertyName("x")]
    public double X { get; init; }

    /// <summary>Centre, percent of the image height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; init; }

    /// <summary>Horizontal radius, percent of the image width.</summary>
    [JsonPropertyName("radiusX")]
    public double RadiusX { get; init; }

    /// <summary>Vertical radius, percent of the image height.</summary>
    [JsonPropertyName("radiusY")]
    public double RadiusY { get; init; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; init; }

    /// <summary>Labels (<c>ellipselabels</c>); <see langword="null"/> for a plain <c>ellipse</c>.</summary>
    [JsonPropertyName("ellipselabels")]
    public IList<string>? EllipseLabels { get; init; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => EllipseLabels;
}
