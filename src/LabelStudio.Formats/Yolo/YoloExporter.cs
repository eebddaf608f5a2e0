using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Yolo;

/// <summary>
/// YOLO: <c>classes.txt</c>, <c>notes.json</c> and one <c>labels/&lt;image stem&gt;.txt</c> per image, as the
/// official converter writes them. Boxes as <c>class x_c y_c w h</c> (0-1), polygons as <c>class x1 y1 ...</c>;
/// when the config has KeyPointLabels the pose layout (box followed by its keypoints). Options:
/// <see cref="ImageExportOptions"/>.
/// </summary>
public sealed class YoloExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Yolo;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Detection(config, obb: false);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new YoloWriter(context, obb: false).RunAsync(cancellationToken);
    }
}
