using LabelStudio.Config;
using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.Conversion;

/// <summary>What <see cref="ExportRunner"/> needs besides the input and the output folder.</summary>
public sealed class ExportRunOptions
{
    /// <summary>The project's labeling config; required by formats whose <see cref="IExporter.RequiresConfig"/> is true.</summary>
    public LabelConfig? Config { get; init; }

    /// <summary>The exporter's options (a format may take a derived type).</summary>
    public ExportOptions ExportOptions { get; init; } = new();

    /// <summary>Where media references resolve (upload dir, local-files root).</summary>
    public IMediaSource? Media { get; init; }

    /// <summary>Told the number of tasks read so far.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>The report to fill; a new one when null.</summary>
    public ConversionReport? Report { get; init; }
}
