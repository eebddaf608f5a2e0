using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// COCO_WITH_IMAGES: COCO (see <see cref="CocoExporter"/>) with every image copied through
/// <see cref="ExportContext.Media"/> to <c>images/&lt;md5(reference)[:8]&gt;__&lt;name&gt;</c>; <c>file_name</c> is the
/// copy's path and <c>width</c>/<c>height</c> (and the polygon scale) come from the copied file, while rectangles
/// keep scaling by the regions' <c>original_width/height</c>, as officially. An image that cannot be opened is
/// reported and keeps the reference and the regions' sizes.
/// </summary>
public sealed class CocoWithImagesExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.CocoWithImages;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: false);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CocoWriter(context, withImages: true).RunAsync(cancellationToken);
    }
}
