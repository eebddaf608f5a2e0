namespace LabelStudio.Formats.Serialization;

/// <summary>Options of <see cref="LabelStudioJsonWriter"/>.</summary>
public sealed class LabelStudioJsonWriterOptions
{
    /// <summary>Indent the output (two spaces), as Label Studio's own JSON export. Default <see langword="false"/>.</summary>
    public bool Indented { get; init; }

    /// <summary>Bytes buffered before they are flushed to the stream. Default 64 KiB.</summary>
    public int FlushThreshold { get; init; } = 64 * 1024;
}
