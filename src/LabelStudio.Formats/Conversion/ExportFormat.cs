using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// An export format, named as Label Studio names it (<c>COCO</c>, <c>YOLO</c>, <c>JSON_MIN</c>, ...) so users
/// recognise it. An extensible enum: the well-known formats are static properties, any other name is allowed.
/// Names compare case-insensitively.
/// </summary>
[JsonConverter(typeof(ExportFormatJsonConverter))]
public readonly struct ExportFormat : IEquatable<ExportFormat>
{
    /// <summary>Creates a format from its Label Studio name.</summary>
    public ExportFormat(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.ToUpperInvariant();
    }

    /// <summary>The Label Studio name, upper case.</summary>
    public string Name => field ?? string.Empty;

    /// <summary>Label Studio JSON: the tasks with their annotations, as exported.</summary>
    public static ExportFormat Json { get; } = new("JSON");

    /// <summary>JSON_MIN: one flat record per annotation.</summary>
    public static ExportFormat JsonMin { get; } = new("JSON_MIN");

    /// <summary>CSV: one row per annotation.</summary>
    public static ExportFormat Csv { get; } = new("CSV");

    /// <summary>TSV: CSV with tabs.</summary>
    public static ExportFormat Tsv { get; } = new("TSV");

    /// <summary>CoNLL 2003 token labels for text spans.</summary>
    public static ExportFormat Conll2003 { get; } = new("CONLL2003");

    /// <summary>COCO detection/segmentation JSON.</summary>
    public static ExportFormat Coco { get; } = new("COCO");

    /// <summary>COCO with the images copied or downloaded beside it.</summary>
    public static ExportFormat CocoWithImages { get; } = new("COCO_WITH_IMAGES");

    /// <summary>Pascal VOC XML per image.</summary>
    public static ExportFormat Voc { get; } = new("VOC");

    /// <summary>YOLO label files (detection, or the segmentation/pose layouts).</summary>
    public static ExportFormat Yolo { get; } = new("YOLO");

    /// <summary>YOLO with the images.</summary>
    public static ExportFormat YoloWithImages { get; } = new("YOLO_WITH_IMAGES");

    /// <summary>YOLO oriented bounding boxes.</summary>
    public static ExportFormat YoloObb { get; } = new("YOLO_OBB");

    /// <summary>YOLO oriented bounding boxes with the images.</summary>
    public static ExportFormat YoloObbWithImages { get; } = new("YOLO_OBB_WITH_IMAGES");

    /// <summary>Brush masks as NumPy arrays.</summary>
    public static ExportFormat BrushToNumpy { get; } = new("BRUSH_TO_NUMPY");

    /// <summary>Brush masks as PNG images.</summary>
    public static ExportFormat BrushToPng { get; } = new("BRUSH_TO_PNG");

    /// <summary>Brush masks as COCO RLE/polygons.</summary>
    public static ExportFormat BrushToCoco { get; } = new("BRUSH_TO_COCO");

    /// <summary>NeMo ASR manifest with the audio files.</summary>
    public static ExportFormat AsrManifest { get; } = new("ASR_MANIFEST");

    /// <summary>The format named <paramref name="name"/>.</summary>
    public static implicit operator ExportFormat(string name) => new(name);

    /// <summary>Creates the format named <paramref name="name"/>; the named alternative to the implicit conversion.</summary>
    public static ExportFormat FromName(string name) => new(name);

    /// <summary>Compares by name, ignoring case.</summary>
    public static bool operator ==(ExportFormat left, ExportFormat right) => left.Equals(right);

    /// <summary>Compares by name, ignoring case.</summary>
    public static bool operator !=(ExportFormat left, ExportFormat right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ExportFormat other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExportFormat other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
