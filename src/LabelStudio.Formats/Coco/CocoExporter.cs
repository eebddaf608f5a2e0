using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// COCO: <c>result.json</c> with <c>images</c>, <c>categories</c>, <c>annotations</c> and <c>info</c>, as the
/// official converter writes it (rectangles, polygons, keypoints). Streams: memory stays flat whatever the
/// number of tasks. Options: <see cref="ImageExportOptions"/>.
/// </summary>
public sealed class CocoExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Coco;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: false);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CocoWriter(context).RunAsync(cancellationToken);
    }
}
