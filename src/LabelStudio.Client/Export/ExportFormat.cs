using System.ComponentModel;
using System.Text.Json.Serialization;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.Export;

/// <summary>A Label Studio export format name, as the server spells it (<c>JSON</c>, <c>YOLO</c>, ...). Unknown names round-trip.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<ExportFormat>))]
public readonly struct ExportFormat : IEquatable<ExportFormat>, IExtensibleEnum<ExportFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The string the server uses.</param>
    public ExportFormat(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Label Studio JSON (every task with annotations and predictions).</summary>
    public static ExportFormat Json { get; } = new("JSON");

    /// <summary>Minimal JSON: one flat object per annotation.</summary>
    public static ExportFormat JsonMin { get; } = new("JSON_MIN");

    /// <summary>Comma-separated values.</summary>
    public static ExportFormat Csv { get; } = new("CSV");

    /// <summary>Tab-separated values.</summary>
    public static ExportFormat Tsv { get; } = new("TSV");

    /// <summary>COCO object detection.</summary>
    public static ExportFormat Coco { get; } = new("COCO");

    /// <summary>YOLO detection labels.</summary>
    public static ExportFormat Yolo { get; } = new("YOLO");

    /// <summary>YOLO oriented bounding boxes.</summary>
    public static ExportFormat YoloObb { get; } = new("YOLO_OBB");

    /// <summary>Pascal VOC XML.</summary>
    public static ExportFormat Voc { get; } = new("VOC");

    /// <summary>CoNLL 2003 named entities.</summary>
    public static ExportFormat Conll2003 { get; } = new("CONLL2003");

    /// <summary>Brush masks as PNG files.</summary>
    public static ExportFormat BrushToPng { get; } = new("BRUSH_TO_PNG");

    /// <summary>Brush masks as NumPy arrays.</summary>
    public static ExportFormat BrushToNumpy { get; } = new("BRUSH_TO_NUMPY");

    /// <summary>ASR manifest (audio transcription).</summary>
    public static ExportFormat AsrManifest { get; } = new("ASR_MANIFEST");

    /// <summary>The wire string.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values (ordinal, case-sensitive as on the wire).</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ExportFormat left, ExportFormat right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ExportFormat left, ExportFormat right) => !left.Equals(right);

    /// <summary>Converts a wire string.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator ExportFormat(string value) => new(value);

    static ExportFormat IExtensibleEnum<ExportFormat>.FromString(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(ExportFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ExportFormat other && Equals(other);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;
}
