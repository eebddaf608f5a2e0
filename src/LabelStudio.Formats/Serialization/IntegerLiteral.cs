using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// The integer-or-float distinction of a JSON number the models read into a <see cref="double"/>
/// (<c>lead_time</c>, <c>agreement</c>): Python's parsers (json, ijson) make <c>36</c> an int and <c>36.0</c> a
/// float, and the official converter writes them back as <c>36</c> and <c>36.0</c>. The models remember the literal
/// kind in a presence bit (no extra object), and the exact value only when a double cannot hold it.
/// </summary>
internal static class IntegerLiteral
{
    /// <summary>An integer's text is at most 20 bytes (<c>-9223372036854775808</c>); beyond long, a double's.</summary>
    public const int MaxLength = 320;

    /// <summary>Whether a JSON number's text is an integer to Python: no fraction and no exponent.</summary>
    public static bool Is(ReadOnlySpan<byte> literal) => literal.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>The exact value of an integer literal the double <paramref name="value"/> cannot hold; otherwise null.</summary>
    public static long? ExactBeyondDouble(ReadOnlySpan<byte> literal, double value) =>
        // From 2^53 on, integers are not all doubles (2^53 + 1 reads as 2^53): such a literal keeps its exact value
        // (Python's ints are exact).
        Math.Abs(value) >= FastDouble.MaxExactInteger && Utf8Parser.TryParse(literal, out long exact, out var consumed) && consumed == literal.Length
            ? exact
            : null;

    /// <summary>
    /// Writes an integral value as Python prints an int: the exact value when known, else the double's integer
    /// (<c>-0</c> is the int 0). Past long's range (which Python's parsers refuse in an export) the double's digits.
    /// </summary>
    public static int Format(double value, long? exact, Span<byte> destination)
    {
        if (exact is null && Math.Abs(value) >= 9.2e18)
        {
            var text = new BigInteger(value).ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < text.Length; i++)
            {
                destination[i] = (byte)text[i];
            }

            return text.Length;
        }

        (exact ?? (long)value).TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Writes <c>"name": value</c> as an integer (see <see cref="Format"/>).</summary>
    public static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value, long? exact)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        var length = Format(value, exact, text);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }
}
