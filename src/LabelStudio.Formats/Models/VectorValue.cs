using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>vector</c> and <c>vectorlabels</c>: a polyline or path of vertices.</summary>
public sealed class VectorValue : ResultValue, ILabeledValue
{
    /// <summary>The vertices.</summary>
    [JsonPropertyName("vertices")]
    public IList<VectorVertex> Vertices { get; set; } = [];

    /// <summary>Whether the path is closed.</summary>
    [JsonPropertyName("closed")]
    public bool? Closed { get; set; }

    /// <summary>Labels (<c>vectorlabels</c>).</summary>
    [JsonPropertyName("vectorlabels")]
    public IList<string>? VectorLabels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => VectorLabels;
}
