using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>One keyframe of a <c>videorectangle</c>.</summary>
public sealed class VideoRectangleFrame : ExtensibleModel
{
    /// <summary>Frame number (1-based).</summary>
    [JsonPropertyName("frame")]
    public int Frame { get; set; }

    /// <summary>Time in seconds.</summary>
    [JsonPropertyName("time")]
    public double? Time { get; set; }

    /// <summary>Left edge, percent of the frame width.</summary>
    [JsonPropertyName("x")]
    public double X { get; set; }

    /// <summary>Top edge, percent of the frame height.</summary>
    [JsonPropertyName("y")]
    public double Y { get; set; }

    /// <summary>Width, percent of the frame width.</summary>
    [JsonPropertyName("width")]
    public double Width { get; set; }

    /// <summary>Height, percent of the frame height.</summary>
    [JsonPropertyName("height")]
    public double Height { get; set; }

    /// <summary>Clockwise rotation in degrees.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; set; }

    /// <summary>Whether the box is visible from this frame on.</summary>
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}
