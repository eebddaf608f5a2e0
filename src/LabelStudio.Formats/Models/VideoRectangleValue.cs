using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary><c>videorectangle</c>: a box tracked through video frames.</summary>
public sealed class VideoRectangleValue : ResultValue, ILabeledValue
{
    /// <summary>Keyframes.</summary>
    [JsonPropertyName("sequence")]
    public IList<VideoRectangleFrame> Sequence { get; set; } = [];

    /// <summary>Number of frames in the video.</summary>
    [JsonPropertyName("framesCount")]
    public int? FramesCount { get; set; }

    /// <summary>Video duration in seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }

    /// <summary>Labels of the tracked object.</summary>
    [JsonPropertyName("labels")]
    public IList<string>? Labels { get; set; }

    /// <inheritdoc />
    IList<string>? ILabeledValue.LabelList => Labels;
}
