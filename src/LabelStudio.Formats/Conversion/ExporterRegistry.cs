using LabelStudio.Config;

namespace LabelStudio.Formats.Conversion;

/// <summary>The exporters a runner can use, one per format.</summary>
public sealed class ExporterRegistry
{
    private readonly Dictionary<ExportFormat, IExporter> _exporters = [];

    /// <summary>Creates a registry of <paramref name="exporters"/>; a later exporter of the same format replaces an earlier one.</summary>
    public ExporterRegistry(IEnumerable<IExporter> exporters)
    {
        ArgumentNullException.ThrowIfNull(exporters);
        foreach (var exporter in exporters)
        {
            ArgumentNullException.ThrowIfNull(exporter);
            _exporters[exporter.Format] = exporter;
        }
    }

    /// <summary>A registry of every exporter of this package.</summary>
    public static ExporterRegistry CreateDefault() => new(BuiltInExporters.Create());

    /// <summary>The registered formats, sorted by name.</summary>
    public IReadOnlyList<ExportFormat> Formats => [.. _exporters.Keys.OrderBy(f => f.Name, StringComparer.Ordinal)];

    /// <summary>Finds the exporter of <paramref name="format"/>.</summary>
    public bool TryGet(ExportFormat format, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IExporter? exporter) => _exporters.TryGetValue(format, out exporter);

    /// <summary>The formats Label Studio offers for <paramref name="config"/> that this registry can write.</summary>
    public IReadOnlyList<ExportFormat> GetSupportedFormats(LabelConfig? config) =>
        [.. SupportedFormats.For(config).Where(f => _exporters.TryGetValue(f, out var exporter) && exporter.IsSupported(config))];
}
