using LabelStudio.Config;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The formats Label Studio's export dialog offers for a labeling config, decided exactly as the official converter
/// decides them (reference formats.md §3), including formats this package does not write (CSV_OLD, DOCLANG).
/// </summary>
public static class SupportedFormats
{
    /// <summary>The official converter's CSV_OLD (pandas based, CLI only).</summary>
    public static ExportFormat CsvOld { get; } = new("CSV_OLD");

    /// <summary>The official converter's DOCLANG (needs an optional Python package).</summary>
    public static ExportFormat DocLang { get; } = new("DOCLANG");

    /// <summary>The formats offered for <paramref name="config"/>, sorted by name as the official converter lists them.</summary>
    public static IReadOnlyList<ExportFormat> For(LabelConfig? config)
    {
        var formats = new SortedSet<string>(StringComparer.Ordinal) { "JSON", "JSON_MIN", "CSV", "TSV", "CSV_OLD" };
        if (config is null)
        {
            return [.. formats.Select(f => new ExportFormat(f))];
        }

        var controls = new HashSet<string>(config.Controls.Select(c => c.TagName), StringComparer.Ordinal);
        var objects = config.Objects.Where(o => !(o.TagName == "Text" && string.Equals(o.ValueType, "url", StringComparison.Ordinal))).ToArray();
        var objectTypes = new HashSet<string>(objects.Select(o => o.TagName), StringComparer.Ordinal);
        var dataKeyCount = config.Objects.Where(o => o.DataKey is not null || o.IsList).Select(o => o.DataKey ?? o.ValueList).Distinct(StringComparer.Ordinal).Count();
        var multiImage = config.Objects.Any(o => o.IsList);

        if (controls.Overlaps(["TextArea", "ReactCode", "CustomInterface"]))
        {
            formats.Add("DOCLANG");
        }

        if (dataKeyCount > 1)
        {
            return [.. formats.Select(f => new ExportFormat(f))];
        }

        if (objectTypes.Contains("Text") && controls.Contains("Labels"))
        {
            formats.Add("CONLL2003");
        }

        var image = objectTypes.Contains("Image") && !multiImage;
        var labelsWith = controls.Contains("Labels");
        if (image && (controls.Overlaps(["RectangleLabels", "PolygonLabels", "KeyPointLabels"]) || (labelsWith && controls.Overlaps(["Rectangle", "Polygon", "KeyPoint"]))))
        {
            var keypointOnly = (controls.Contains("KeyPointLabels") || controls.Contains("KeyPoint")) && !controls.Contains("RectangleLabels") && !controls.Contains("Rectangle");
            if (!keypointOnly)
            {
                formats.UnionWith(["COCO", "COCO_WITH_IMAGES", "YOLO", "YOLO_WITH_IMAGES"]);
            }

            if (!(objectTypes.Contains("Video") && controls.Contains("TimelineLabels")))
            {
                formats.UnionWith(["YOLO_OBB", "YOLO_OBB_WITH_IMAGES"]);
            }
        }

        if (image && (controls.Contains("RectangleLabels") || (labelsWith && controls.Contains("Rectangle"))))
        {
            formats.Add("VOC");
        }

        if (objectTypes.Contains("Image") && (controls.Contains("BrushLabels") || (labelsWith && controls.Contains("Brush"))))
        {
            formats.UnionWith(["BRUSH_TO_NUMPY", "BRUSH_TO_PNG", "BRUSH_TO_COCO"]);
        }

        if (objectTypes.Overlaps(["Audio", "AudioPlus"]) && controls.Contains("TextArea"))
        {
            formats.Add("ASR_MANIFEST");
        }

        return [.. formats.Select(f => new ExportFormat(f))];
    }
}
