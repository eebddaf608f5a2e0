using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A vertex of a <c>vector</c> result.</summary>
public sealed class VectorVertex : ExtensibleModel
{
    /// <summary>Vertex id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Percent of the image width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Percent of the image height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Whether the vertex is a Bézier control point.</summary>
    [JsonPropertyName("isBezier")]
    public bool? IsBezier { get; set; }

    /// <summary>Id of the previous vertex.</summary>
    [JsonPropertyName("prevPointId")]
    public string? PrevPointId { get; set; }
}
