using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Yolo;

/// <summary>
/// YOLO_WITH_IMAGES: YOLO (see <see cref="YoloExporter"/>) with every image copied through
/// <see cref="ExportContext.Media"/> to <c>images/&lt;md5(reference)[:8]&gt;__&lt;name&gt;</c> and the label files named
/// after the copies. Needs <see cref="ExportContext.Media"/>. A cloud-storage image (<c>s3://</c>, <c>gs://</c>,
/// <c>azure-blob://</c>) that cannot be fetched drops its item with no label file, as the official converter does
/// (reported as <c>image-not-fetched</c>); any other image that cannot be opened is reported and its label file
/// keeps the name plain YOLO gives it.
/// </summary>
public sealed class YoloWithImagesExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.YoloWithImages;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: false);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new YoloWriter(context, obb: false, withImages: true).RunAsync(cancellationToken);
    }
}
