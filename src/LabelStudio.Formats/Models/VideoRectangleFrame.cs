using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>One keyframe of a <c>videorectangle</c>.</summary>
public sealed class VideoRectangleFrame : ExtensibleModel
{
    /// <summary>Frame number (1-based).</summary>
    [JsonPropertyName("frame")]
    public int Frame { get; init; }

    /// <summary>Time in seconds.</summary>
    [JsonPropertyName("time")]
    public double? Time { get; init; }

    /// <summary>Left edge, percent of the frame width.</summary>
    [JsonPropertyName("x")]
    public double X { get; init; }

    /// <summary>Top edge, percent of the frame height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; init; }

    /// <summary>Width, percent of the frame width.</summary>
    [JsonPropertyName("width")]
    public double Width { get; init; }

    /// <summary>Height, percent of the frame height.</summary>
    [JsonPropertyName("height")]
    public double Height { get; init; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; init; }

    /// <summary>Whether the box is visible from this frame on.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }
}
