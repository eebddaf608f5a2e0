using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Yolo;

/// <summary>
/// YOLO_OBB_WITH_IMAGES: YOLO_OBB (see <see cref="YoloObbExporter"/>) with every image copied through
/// <see cref="ExportContext.Media"/> to <c>images/&lt;md5(reference)[:8]&gt;__&lt;name&gt;</c> and the label files named
/// after the copies. Corners are still scaled by the regions' <c>original_width/height</c>, as officially. A cloud
/// image that cannot be fetched drops its item with no label file, as in <see cref="YoloWithImagesExporter"/>.
/// </summary>
public sealed class YoloObbWithImagesExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.YoloObbWithImages;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: true);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new YoloWriter(context, obb: true, withImages: true).RunAsync(cancellationToken);
    }
}
