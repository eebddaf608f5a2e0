namespace LabelStudio.Formats.ImageExport;

/// <summary>How the image exporters (COCO, YOLO, VOC) number classes.</summary>
public enum ClassIdOrder
{
    /// <summary>
    /// As the official converter: labels with a <c>category="N"</c> attribute keep N, the others are sorted by
    /// code point and take the smallest free ids; labels of every control (Choices too) are classes, and a label
    /// the config does not know is appended. <c>classes.txt</c> lists names in that list order, so with
    /// <c>category</c> attributes a line number is not the class id (Label Studio issue 6416).
    /// </summary>
    Official,

    /// <summary>
    /// Deliberate fix: ids 0, 1, 2... in the order labels appear in the config, only labels of region controls
    /// (RectangleLabels, PolygonLabels, KeyPointLabels, Labels, BrushLabels...; not Choices/Taxonomy); a region
    /// whose label the config does not know is dropped and reported. <c>classes.txt</c> line N is class N.
    /// </summary>
    ConfigOrder,
}
