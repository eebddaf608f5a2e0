using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Brush;

/// <summary>
/// BRUSH_TO_COCO: brush masks as COCO polygons in <c>result_coco.json</c>, as the official converter writes them:
/// the outer contours of each mask (<see cref="Masks.MaskContours"/>, traced as OpenCV's
/// <c>findContours(RETR_EXTERNAL, CHAIN_APPROX_SIMPLE)</c>), one annotation per contour of at least three points,
/// <c>bbox</c> = the contour's bounding rectangle, <c>area</c> = its whole-pixel area; category ids from 1 in
/// first-seen order with a random colour. Rectangles and polygons are reported as dropped: their official layout in
/// this format is not covered by the reference fixtures. Options: <see cref="ImageExportOptions"/>.
/// </summary>
public sealed class BrushToCocoExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.BrushToCoco;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Brush(config);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BrushCocoWriter(context).RunAsync(cancellationToken);
    }
}
