using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>polygon</c> and <c>polygonlabels</c>: vertices in percent (0-100) of the image.</summary>
[JsonConverter(typeof(PolygonValueConverter))]
public sealed class PolygonValue : ResultValue, ILabeledValue
{
    /// <summary>Vertices, each written as <c>[x, y]</c>.</summary>
    [JsonPropertyName("points")]
    public IList<PercentPoint> Points { get; set; } = [];

    /// <summary>Whether the polygon is closed (newer Label Studio versions).</summary>
    [JsonPropertyName("closed")]
    public bool? Closed { get; set; }

    /// <summary>Labels (<c>polygonlabels</c>); <see langword="null"/> for a plain <c>polygon</c>.</summary>
    [JsonPropertyName("polygonlabels")]
    public IList<string>? PolygonLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => PolygonLabels;
}
