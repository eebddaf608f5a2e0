using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// Options of the image exporters (COCO, YOLO, YOLO_OBB, VOC, BRUSH_*). The defaults reproduce the official
/// converter; the deliberate fixes of its known bugs are switched on here.
/// </summary>
public class ImageExportOptions : ExportOptions
{
    /// <summary>How classes are numbered when <see cref="ClassMap"/> is not set. Default: as the official converter.</summary>
    public ClassIdOrder ClassIdOrder { get; init; } = ClassIdOrder.Official;

    /// <summary>An explicit class list shared by several projects; when set it decides every class id.</summary>
    public ClassMap? ClassMap { get; init; }

    /// <summary>
    /// COCO: compute the enclosing box of a rotated rectangle in pixels. The official converter rotates in
    /// percent space, which is wrong when the image is not square (Label Studio issue 2293).
    /// </summary>
    public bool RotatedBoxesInPixels { get; init; }

    /// <summary>
    /// COCO: a rectangle without <c>original_width/height</c> that follows a sized region of the same image
    /// uses the image's size. The official converter crashes there (<c>KeyError</c>); by default such a region
    /// is dropped and reported.
    /// </summary>
    public bool UseImageSizeForUnsizedRegions { get; init; }

    /// <summary>Clock for the <c>info.year</c>/<c>date_created</c> fields.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
