using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Yolo;

/// <summary>
/// YOLO_OBB: as YOLO, but each labelled rectangle is <c>class x1 y1 x2 y2 x3 y3 x4 y4</c>, its four corners
/// rotated about the top-left corner in pixels and divided by the image size. As the official converter, a
/// rectangle needs <c>original_width/height</c> and a <c>rotation</c> key; one without is dropped and reported.
/// </summary>
public sealed class YoloObbExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.YoloObb;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: true);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new YoloWriter(context, obb: true).RunAsync(cancellationToken);
    }
}
