using System.Buffers;
using System.Text.Json;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Csv;

/// <summary>
/// Renders a control's regions (rectangles, polygons, keypoints: the bulk of image exports) straight into their
/// quoted CSV field: the compact JSON list of the value objects with <c>original_width</c>/<c>original_height</c>
/// appended, every <c>"</c> doubled. The bytes are those of the general path (the value converters through a
/// <see cref="Utf8JsonWriter"/> with the relaxed encoder, then CSV quoting), without its per-region writer state,
/// intermediate buffers and second quoting pass; label strings are escaped once per builder and reused.
/// </summary>
/// <remarks>
/// Values with members the model does not know, and non-finite numbers (which <see cref="Utf8JsonWriter"/> refuses
/// with an exception), are left to the general path: <see cref="CanWrite(Result)"/> says no.
/// </remarks>
internal sealed class CsvRegionWriter
{
    // Enough for a project's label set; beyond it labels are escaped each time rather than held forever.
    private const int MaxCachedLabels = 4096;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Dictionary<string, byte[]> _labels = new(StringComparer.Ordinal);

    // The labels met last, matched by reference before the dictionary hashes the text: the reader pools label
    // strings, so a project's few labels are mostly the same few references.
    private readonly (string? Label, byte[] Bytes)[] _recent = new (string?, byte[])[16];
    private int _nextRecent;

    /// <summary>Whether every region is a value this writer renders exactly as the general path does.</summary>
    public static bool CanWrite(List<Result> results)
    {
        foreach (var result in results)
        {
            if (!CanWrite(result))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the region is a value this writer renders exactly as the general path does.</summary>
    public static bool CanWrite(Result result) => result.Value switch
    {
        null => true,
        RectangleValue box => CanWrite(box),
        PolygonValue polygon => CanWrite(polygon),
        KeyPointValue point => CanWrite(point),
        _ => false,
    };

    private static bool CanWrite(RectangleValue box) => box.AdditionalProperties is null && double.IsFinite(box.X) && double.IsFinite(box.Y)
        && double.IsFinite(box.Width) && double.IsFinite(box.Height) && IsFiniteOrNull(box.Rotation);

    private static bool CanWrite(PolygonValue polygon) => polygon.AdditionalProperties is null && FinitePoints(polygon.Points);

    private static bool CanWrite(KeyPointValue point) => point.AdditionalProperties is null && double.IsFinite(point.X) && double.IsFinite(point.Y) && IsFiniteOrNull(point.Width);

    /// <summary>
    /// Writes the quoted field, checking each region just before it; false at the first region this writer leaves to
    /// the general path, with what was written so far left in <paramref name="field"/> for the caller to ignore.
    /// </summary>
    public bool TryWrite(Utf8Buffer field, List<Result> results)
    {
        field.Write("\"["u8);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];

            // The member names with the comma before them, ""-quoted for the CSV field; the first member drops it.
            field.Write(i > 0 ? ",{"u8 : "{"u8);
            var empty = true;
            switch (result.Value)
            {
                case null:
                    break;
                case RectangleValue box when CanWrite(box):
                    // x always comes first: no comma to decide.
                    field.Write("\"\"x\"\":"u8);
                    Number(field, box.X);
                    field.Write(",\"\"y\"\":"u8);
                    Number(field, box.Y);
                    field.Write(",\"\"width\"\":"u8);
                    Number(field, box.Width);
                    field.Write(",\"\"height\"\":"u8);
                    Number(field, box.Height);
                    empty = false;
                    NullableNumber(field, ",\"\"rotation\"\":"u8, box.Rotation, box.IsPresent(RectangleValueConverter.RotationBit), ref empty);
                    Strings(field, ",\"\"rectanglelabels\"\":"u8, box.RectangleLabels, box.IsPresent(RectangleValueConverter.LabelsBit), ref empty);
                    break;
                case PolygonValue polygon when CanWrite(polygon):
                    if (polygon.IsPresent(PolygonValueConverter.PointsBit) || polygon.Points.Count > 0)
                    {
                        Member(field, ",\"\"points\"\":"u8, ref empty);
                        field.Put((byte)'[');
                        var points = polygon.Points;
                        for (var p = 0; p < points.Count; p++)
                        {
                            var point = points[p];
                            field.Write(p > 0 ? ",["u8 : "["u8);
                            Number(field, point.X);
                            field.Put((byte)',');
                            Number(field, point.Y);
                            field.Put((byte)']');
                        }

                        field.Put((byte)']');
                    }

                    if (polygon.Closed is { } closed)
                    {
                        Member(field, ",\"\"closed\"\":"u8, ref empty);
                        field.Write(closed ? "true"u8 : "false"u8);
                    }
                    else if (polygon.IsPresent(PolygonValueConverter.ClosedBit))
                    {
                        Member(field, ",\"\"closed\"\":"u8, ref empty);
                        field.Write("null"u8);
                    }

                    Strings(field, ",\"\"polygonlabels\"\":"u8, polygon.PolygonLabels, polygon.IsPresent(PolygonValueConverter.LabelsBit), ref empty);
                    break;
                case KeyPointValue point when CanWrite(point):
                    field.Write("\"\"x\"\":"u8);
                    Number(field, point.X);
                    field.Write(",\"\"y\"\":"u8);
                    Number(field, point.Y);
                    empty = false;
                    NullableNumber(field, ",\"\"width\"\":"u8, point.Width, point.IsPresent(KeyPointValueConverter.WidthBit), ref empty);
                    Strings(field, ",\"\"keypointlabels\"\":"u8, point.KeyPointLabels, point.IsPresent(KeyPointValueConverter.LabelsBit), ref empty);
                    break;
                default:
                    return false;
            }

            Int(field, ",\"\"original_width\"\":"u8, result.OriginalWidth, ref empty);
            Int(field, ",\"\"original_height\"\":"u8, result.OriginalHeight, ref empty);
            field.Put((byte)'}');
        }

        field.Write("]\""u8);
        return true;
    }

    private static bool IsFiniteOrNull(double? value) => value is not { } number || double.IsFinite(number);

    private static bool FinitePoints(IList<PercentPoint> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (!double.IsFinite(point.X) || !double.IsFinite(point.Y))
            {
                return false;
            }
        }

        return true;
    }

    // The member's ,""name"": without its comma when it is the object's first.
    private static void Member(Utf8Buffer field, ReadOnlySpan<byte> member, ref bool empty)
    {
        field.Write(empty ? member[1..] : member);
        empty = false;
    }

    private static void Number(Utf8Buffer field, double value)
    {
        var span = field.GetSpan(ShortestDouble.MaxLength);
        ShortestDouble.TryFormatRoundTrip(value, span, out var length);

        // The writer's text has an exponent exactly when the decimal exponent is >= 17 or < -4 (ShortestDouble), so a
        // magnitude test finds it without scanning the digits of every coordinate.
        var magnitude = Math.Abs(value);
        if ((double.IsFinite(value) && (magnitude >= 1e17 || (magnitude < 1e-4 && magnitude != 0))) || (value == 0 && double.IsNegative(value)))
        {
            // Where ujson's text differs from the writer's (1e-5, 1e+16, -0.0): as the general path gives it.
            Span<byte> token = stackalloc byte[ShortestDouble.MaxLength];
            span[..length].CopyTo(token);
            UjsonText.WriteNumber(token[..length], field, UjsonText.NumberSource.Double);
            return;
        }

        field.Advance(length);
    }

    private static void NullableNumber(Utf8Buffer field, ReadOnlySpan<byte> name, double? value, bool present, ref bool empty)
    {
        if (value is { } number)
        {
            Member(field, name, ref empty);
            Number(field, number);
        }
        else if (present)
        {
            Member(field, name, ref empty);
            field.Write("null"u8);
        }
    }

    private static void Int(Utf8Buffer field, ReadOnlySpan<byte> name, int? value, ref bool empty)
    {
        if (value is not { } number)
        {
            return;
        }

        Member(field, name, ref empty);
        field.WriteInt(number);
    }

    private void Strings(Utf8Buffer field, ReadOnlySpan<byte> name, IList<string>? values, bool present, ref bool empty)
    {
        if (values is null)
        {
            if (present)
            {
                Member(field, name, ref empty);
                field.Write("null"u8);
            }

            return;
        }

        Member(field, name, ref empty);
        field.Put((byte)'[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                field.Put((byte)',');
            }

            field.Write(values[i] is { } label ? Label(label) : "null"u8);
        }

        field.Put((byte)']');
    }

    // The label as the writer's relaxed encoder escapes it, quotes included, with every " doubled for the CSV field.
    private ReadOnlySpan<byte> Label(string label)
    {
        foreach (var (recent, bytes) in _recent)
        {
            if (ReferenceEquals(recent, label))
            {
                return bytes;
            }
        }

        var found = Escaped(label);
        _recent[_nextRecent] = (label, found);
        _nextRecent = (_nextRecent + 1) % _recent.Length;
        return found;
    }

    private byte[] Escaped(string label)
    {
        if (_labels.TryGetValue(label, out var cached))
        {
            return cached;
        }

        var scratch = new ArrayBufferWriter<byte>(label.Length + 8);
        using (var escaper = new Utf8JsonWriter(scratch, Relaxed))
        {
            escaper.WriteStringValue(label);
        }

        // ujson escapes '/' too (\/), as the general path's cells have it.
        var ujson = new Utf8Buffer(scratch.WrittenCount + 8);
        UjsonText.Write(scratch.WrittenSpan, ujson, UjsonText.NumberSource.Literal);
        var json = ujson.WrittenSpan;
        var bytes = new byte[json.Length + json.Count((byte)'"')];
        var at = 0;
        foreach (var b in json)
        {
            bytes[at++] = b;
            if (b == (byte)'"')
            {
                bytes[at++] = b;
            }
        }

        if (_labels.Count < MaxCachedLabels)
        {
            _labels[label] = bytes;
        }

        return bytes;
    }
}
