using LabelStudio.Config;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Conversion;

/// <summary>Everything one export run gets: the tasks to read once, the config, where to write and what to report.</summary>
public sealed class ExportContext
{
    /// <summary>The tasks, read once, in input order (for example <c>LabelStudioJson.ReadTasksAsync</c> over an export).</summary>
    public required IAsyncEnumerable<LabelStudioTask> Tasks { get; init; }

    /// <summary>The project's labeling config; formats that need one refuse to run without it.</summary>
    public LabelConfig? Config { get; init; }

    /// <summary>
    /// The folder to write into. The caller owns it: runners pass a fresh staging folder and move its content into
    /// place only when the export succeeded, so a failed export leaves no partial output.
    /// </summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Options; a format may accept a derived type with options of its own.</summary>
    public ExportOptions Options { get; init; } = new();

    /// <summary>Where media references resolve, for formats that read image sizes or copy media.</summary>
    public IMediaSource? Media { get; init; }

    /// <summary>Receives what was read, written and dropped.</summary>
    public ConversionReport Report { get; init; } = new();

    /// <summary>Told the number of tasks read so far, now and then.</summary>
    public IProgress<long>? Progress { get; init; }
}
