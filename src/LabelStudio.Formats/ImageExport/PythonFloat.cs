using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// Prints doubles as Python's <c>repr</c>/<c>str</c> does (shortest round-trip digits, <c>1.0</c>, <c>1e-05</c>,
/// <c>1e+16</c>, <c>nan</c>, <c>inf</c>), which YOLO label lines carry; <see cref="WriteUjson"/> is ujson's text in
/// JSON (the same but for unpadded exponents: <c>1e-7</c>). The digits and the layout come from <see cref="ShortestDouble"/>: the same digits .NET's
/// round-trip format gives (and, for the two powers of two that format gets wrong, the ones that round-trip, as
/// Python's), about three times faster, with no temporary string.
/// </summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[ShortestDouble.MaxLength];
        return new string(buffer[..FormatInto(value, buffer)]);
    }

    /// <summary>Appends <see cref="Format"/>'s text without a temporary string.</summary>
    public static void Append(System.Text.StringBuilder builder, double value)
    {
        Span<char> buffer = stackalloc char[ShortestDouble.MaxLength];
        builder.Append(buffer[..FormatInto(value, buffer)]);
    }

    /// <summary>Writes <see cref="Format"/>'s text without a temporary string.</summary>
    public static void Write(TextWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[ShortestDouble.MaxLength];
        writer.Write(buffer[..FormatInto(value, buffer)]);
    }

    /// <summary>Writes <see cref="Format"/>'s text as UTF-8 (ASCII), straight into the destination.</summary>
    public static void Write(Utf8Buffer writer, double value)
    {
        writer.Advance(ShortestDouble.FormatPython(value, writer.GetSpan(ShortestDouble.MaxLength)));
    }

    /// <summary>Writes <see cref="Format"/>'s text as UTF-8 (ASCII) into a span of at least <see cref="ShortestDouble.MaxLength"/> bytes.</summary>
    public static void Write(Span<byte> destination, double value, out int length)
    {
        if (!ShortestDouble.TryFormatPython(value, destination, out length))
        {
            throw new InvalidOperationException("A buffer of ShortestDouble.MaxLength bytes holds every Python float text.");
        }
    }

    /// <summary>
    /// ujson's text of a float (double-conversion's shortest with a trailing <c>.0</c>): Python's <c>repr</c> but
    /// for the exponent, which has no leading zero (<c>1e-5</c>, not <c>1e-05</c>; <c>1e+16</c> either way).
    /// </summary>
    public static int WriteUjson(double value, Span<byte> destination)
    {
        var length = ShortestDouble.FormatPython(value, destination);
        var e = destination[..length].IndexOf((byte)'e');
        if (e >= 0 && e + 3 < length && destination[e + 2] == (byte)'0')
        {
            destination[(e + 3)..length].CopyTo(destination[(e + 2)..]);
            length--;
        }

        return length;
    }

    /// <summary><see cref="WriteUjson(double, Span{byte})"/> as a string.</summary>
    public static string FormatUjson(double value)
    {
        Span<byte> buffer = stackalloc byte[ShortestDouble.MaxLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..WriteUjson(value, buffer)]);
    }

    private static int FormatInto(double value, Span<char> buffer) =>
        ShortestDouble.TryFormatPython(value, buffer, out var length)
            ? length
            : throw new InvalidOperationException("A buffer of ShortestDouble.MaxLength chars holds every Python float text.");
}
