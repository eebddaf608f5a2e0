using LabelStudio.Config;

namespace LabelStudio.Formats.Conversion;

/// <summary>Writes Label Studio tasks in one export format, in one pass over the input.</summary>
public interface IExporter
{
    /// <summary>The format this exporter writes.</summary>
    ExportFormat Format { get; }

    /// <summary>True when the format needs the labeling config (JSON, JSON_MIN, CSV and TSV do not).</summary>
    bool RequiresConfig { get; }

    /// <summary>True when Label Studio offers this format for <paramref name="config"/> (what its export dialog enables).</summary>
    bool IsSupported(LabelConfig? config);

    /// <summary>Writes the export into <see cref="ExportContext.OutputDirectory"/>, filling the report as it goes.</summary>
    /// <exception cref="ConversionException">The input cannot be exported; the message names the task and what was expected.</exception>
    Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default);
}
