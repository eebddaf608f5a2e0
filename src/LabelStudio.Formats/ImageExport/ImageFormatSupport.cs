using LabelStudio.Config;

namespace LabelStudio.Formats.ImageExport;

/// <summary>When Label Studio offers the image formats for a config (formats reference §3).</summary>
internal static class ImageFormatSupport
{
    public static bool Has(LabelConfig config, string tagName) => config.Controls.Any(c => c.TagName == tagName);

    private static bool SingleDataKey(LabelConfig config) => config.DataKeyNames.Take(2).Count() <= 1;

    private static bool HasSingleImage(LabelConfig config) =>
        config.Objects.Any(o => o.TagName == "Image") && !config.Objects.Any(o => o.TagName == "Image" && o.IsList);

    /// <summary>COCO, YOLO (obb: YOLO_OBB) and their *_WITH_IMAGES variants.</summary>
    public static bool Detection(LabelConfig? config, bool obb)
    {
        if (config is null || !SingleDataKey(config) || !HasSingleImage(config))
        {
            return false;
        }

        var rect = Has(config, "RectangleLabels");
        var poly = Has(config, "PolygonLabels");
        var kp = Has(config, "KeyPointLabels");
        var split = (Has(config, "Rectangle") || poly || kp) && Has(config, "Labels");
        if (!(rect || poly || kp || split))
        {
            return false;
        }

        if (!obb && kp && !rect)
        {
            return false;
        }

        return !(obb && config.Objects.Any(o => o.TagName == "Video") && Has(config, "TimelineLabels"));
    }

    public static bool Voc(LabelConfig? config) =>
        config is not null && SingleDataKey(config) && HasSingleImage(config)
        && (Has(config, "RectangleLabels") || (Has(config, "Rectangle") && Has(config, "Labels")));

    public static bool Brush(LabelConfig? config) =>
        config is not null && SingleDataKey(config) && config.Objects.Any(o => o.TagName == "Image")
        && (Has(config, "BrushLabels") || (Has(config, "Brush") && Has(config, "Labels")));
}
