using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Brush;

/// <summary>
/// BRUSH_TO_PNG: each brush region as an 8-bit greyscale PNG named
/// <c>task-&lt;id&gt;-annotation-&lt;id&gt;-by-&lt;user&gt;-&lt;from_name&gt;-&lt;labels&gt;-&lt;n&gt;.png</c>, as the
/// official converter names them.
/// </summary>
public sealed class BrushToPngExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.BrushToPng;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Brush(config);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default) =>
        BrushWriter.RunAsync(context, ".png", MaskPng.Save, cancellationToken);
}
