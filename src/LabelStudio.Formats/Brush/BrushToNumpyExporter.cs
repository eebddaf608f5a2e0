using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Brush;

/// <summary>
/// BRUSH_TO_NUMPY: each brush region as a NumPy <c>.npy</c> (uint8, shape H x W, as <c>np.save</c> writes it) named
/// <c>task-&lt;id&gt;-annotation-&lt;id&gt;-by-&lt;user&gt;-&lt;from_name&gt;-&lt;labels&gt;-&lt;n&gt;.npy</c>, as the
/// official converter names them.
/// </summary>
public sealed class BrushToNumpyExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.BrushToNumpy;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Brush(config);

    /// <inheritdoc />
    public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default) =>
        BrushWriter.RunAsync(context, ".npy", MaskNpy.Save, cancellationToken);
}
