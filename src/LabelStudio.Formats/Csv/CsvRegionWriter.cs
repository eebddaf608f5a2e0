using System.Buffers;
using System.Globalization;
using System.Text.Json;
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
/// with an exception), are left to the general path: <see cref="CanWrite"/> says no.
/// </remarks>
internal sealed class CsvRegionWriter
{
    // Enough for a project's label set; beyond it labels are escaped each time rather than held forever.
    private const int MaxCachedLabels = 4096;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Dictionary<string, byte[]> _labels = new(StringComparer.Ordinal);

    /// <summary>Whether every region is a value this writer renders exactly as the general path does.</summary>
    public static bool CanWrite(List<Result> results)
    {
        foreach (var result in results)
        {
            var ok = result.Value switch
            {
                null => true,
                RectangleValue box => box.AdditionalProperties is null && double.IsFinite(box.X) && double.IsFinite(box.Y)
                    && double.IsFinite(box.Width) && double.IsFinite(box.Height) && IsFiniteOrNull(box.Rotation),
                PolygonValue polygon => polygon.AdditionalProperties is null && FinitePoints(polygon.Points),
                KeyPointValue point => point.AdditionalProperties is null && double.IsFinite(point.X) && double.IsFinite(point.Y) && IsFiniteOrNull(point.Width),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the quoted field; the caller checked <see cref="CanWrite"/>.</summary>
    public void Write(Utf8Buffer field, List<Result> results)
    {
        field.Write("\"["u8);
        for (var i = 0; i < results.Count; i++)
        {
            if (i > 0)
            {
                field.Put((byte)',');
            }

            var result = results[i];
            field.Put((byte)'{');
            var empty = true;
            switch (result.Value)
            {
                case RectangleValue box:
                    Number(field, "x"u8, box.X, ref empty);
                    Number(field, "y"u8, box.Y, ref empty);
                    Number(field, "width"u8, box.Width, ref empty);
                    Number(field, "height"u8, box.Height, ref empty);
                    NullableNumber(field, "rotation"u8, box.Rotation, box.IsPresent(RectangleValueConverter.RotationBit), ref empty);
                    Strings(field, "rectanglelabels"u8, box.RectangleLabels, box.IsPresent(RectangleValueConverter.LabelsBit), ref empty);
                    break;
                case PolygonValue polygon:
                    if (polygon.IsPresent(PolygonValueConverter.PointsBit) || polygon.Points.Count > 0)
                    {
                        Name(field, "points"u8, ref empty);
                        field.Put((byte)'[');
                        for (var p = 0; p < polygon.Points.Count; p++)
                        {
                            if (p > 0)
                            {
                                field.Put((byte)',');
                            }

                            field.Put((byte)'[');
                            Number(field, polygon.Points[p].X);
                            field.Put((byte)',');
                            Number(field, polygon.Points[p].Y);
                            field.Put((byte)']');
                        }

                        field.Put((byte)']');
                    }

                    if (polygon.Closed is { } closed)
                    {
                        Name(field, "closed"u8, ref empty);
                        field.Write(closed ? "true"u8 : "false"u8);
                    }
                    else if (polygon.IsPresent(PolygonValueConverter.ClosedBit))
                    {
                        Name(field, "closed"u8, ref empty);
                        field.Write("null"u8);
                    }

                    Strings(field, "polygonlabels"u8, polygon.PolygonLabels, polygon.IsPresent(PolygonValueConverter.LabelsBit), ref empty);
                    break;
                case KeyPointValue point:
                    Number(field, "x"u8, point.X, ref empty);
                    Number(field, "y"u8, point.Y, ref empty);
                    NullableNumber(field, "width"u8, point.Width, point.IsPresent(KeyPointValueConverter.WidthBit), ref empty);
                    Strings(field, "keypointlabels"u8, point.KeyPointLabels, point.IsPresent(KeyPointValueConverter.LabelsBit), ref empty);
                    break;
            }

            Int(field, "original_width"u8, result.OriginalWidth, ref empty);
            Int(field, "original_height"u8, result.OriginalHeight, ref empty);
            field.Put((byte)'}');
        }

        field.Write("]\""u8);
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

    // ""name"": with the comma before it when the object has members already (the names need no escaping).
    private static void Name(Utf8Buffer field, ReadOnlySpan<byte> name, ref bool empty)
    {
        var span = field.GetSpan(name.Length + 6);
        var at = 0;
        if (!empty)
        {
            span[at++] = (byte)',';
        }

        empty = false;
        span[at++] = (byte)'"';
        span[at++] = (byte)'"';
        name.CopyTo(span[at..]);
        at += name.Length;
        span[at++] = (byte)'"';
        span[at++] = (byte)'"';
        span[at++] = (byte)':';
        field.Advance(at);
    }

    private static void Number(Utf8Buffer field, ReadOnlySpan<byte> name, double value, ref bool empty)
    {
        Name(field, name, ref empty);
        Number(field, value);
    }

    private static void Number(Utf8Buffer field, double value)
    {
        ShortestDouble.TryFormatRoundTrip(value, field.GetSpan(ShortestDouble.MaxLength), out var length);
        field.Advance(length);
    }

    private static void NullableNumber(Utf8Buffer field, ReadOnlySpan<byte> name, double? value, bool present, ref bool empty)
    {
        if (value is { } number)
        {
            Number(field, name, number, ref empty);
        }
        else if (present)
        {
            Name(field, name, ref empty);
            field.Write("null"u8);
        }
    }

    private static void Int(Utf8Buffer field, ReadOnlySpan<byte> name, int? value, ref bool empty)
    {
        if (value is not { } number)
        {
            return;
        }

        Name(field, name, ref empty);
        number.TryFormat(field.GetSpan(11), out var length, default, CultureInfo.InvariantCulture);
        field.Advance(length);
    }

    private void Strings(Utf8Buffer field, ReadOnlySpan<byte> name, IList<string>? values, bool present, ref bool empty)
    {
        if (values is null)
        {
            if (present)
            {
                Name(field, name, ref empty);
                field.Write("null"u8);
            }

            return;
        }

        Name(field, name, ref empty);
        field.Put((byte)'[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                field.Put((byte)',');
            }

            field.Write(Label(values[i]));
        }

        field.Put((byte)']');
    }

    // The label as the writer's relaxed encoder escapes it, quotes included, with every " doubled for the CSV field.
    private ReadOnlySpan<byte> Label(string label)
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

        var json = scratch.WrittenSpan;
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
