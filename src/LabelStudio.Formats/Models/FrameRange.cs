using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A range of video frames of a <c>timelinelabels</c> result.</summary>
public sealed class FrameRange : ExtensibleModel
{
    /// <summary>First frame.</summary>
    [JsonPropertyName("start")]
    public double Start { get; set; }

    /// <summary>Last frame.</summary>
    [JsonPropertyName("end")]
    public double End { get; set; }
}
