using System.Globalization;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// Prints doubles as Python's <c>repr</c>/<c>str</c> does (shortest round-trip digits, <c>1.0</c>, <c>1e-05</c>,
/// <c>1e+16</c>), which YOLO label lines carry, and as ujson does in JSON (<c>1e-07</c> style exponents too).
/// .NET's round-trip format differs in exponent style and drops the <c>.0</c>, so the layout is redone here.
/// </summary>
internal static class PythonFloat
{
    // Shortest round-trip text is at most 17 digits, a sign, a point and ".0": 32 leaves room.
    private const int MaxFastLength = 32;

    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxFastLength];
        return TryFormatFast(value, buffer, out var length) ? new string(buffer[..length]) : FormatSlow(value);
    }

    /// <summary>Appends <see cref="Format"/>'s text without a temporary string in the common case.</summary>
    public static void Append(System.Text.StringBuilder builder, double value)
    {
        Span<char> buffer = stackalloc char[MaxFastLength];
        if (TryFormatFast(value, buffer, out var length))
        {
            builder.Append(buffer[..length]);
        }
        else
        {
            builder.Append(FormatSlow(value));
        }
    }

    /// <summary>Writes <see cref="Format"/>'s text without a temporary string in the common case.</summary>
    public static void Write(TextWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[MaxFastLength];
        if (TryFormatFast(value, buffer, out var length))
        {
            writer.Write(buffer[..length]);
        }
        else
        {
            writer.Write(FormatSlow(value));
        }
    }

    /// <summary>Writes <see cref="Format"/>'s text as UTF-8 (ASCII), formatting straight into the destination in the common case.</summary>
    public static void Write(Utf8Buffer writer, double value)
    {
        var span = writer.GetSpan(MaxFastLength);
        if (TryFormatFast(value, span, out var length))
        {
            writer.Advance(length);
            return;
        }

        var text = FormatSlow(value);
        span = writer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        writer.Advance(text.Length);
    }

    /// <summary>The UTF-8 twin of the char fast path below.</summary>
    private static bool TryFormatFast(double value, Span<byte> buffer, out int length)
    {
        if (!double.IsFinite(value) || value == 0 || Math.Abs(value) >= 1e16
            || !value.TryFormat(buffer[..^2], out length, "R", CultureInfo.InvariantCulture)
            || buffer[..length].IndexOfAny((byte)'E', (byte)'e') >= 0)
        {
            length = 0;
            return false;
        }

        if (!buffer[..length].Contains((byte)'.'))
        {
            buffer[length++] = (byte)'.';
            buffer[length++] = (byte)'0';
        }

        return true;
    }

    /// <summary>
    /// Fast path: below 1e16 (where Python switches to an exponent) .NET's shortest round-trip text is Python's
    /// whenever it has no exponent (both switch to one below 1e-4); an integral value only needs ".0". Exponent
    /// forms and the special values return false, for <see cref="FormatSlow"/>.
    /// </summary>
    private static bool TryFormatFast(double value, Span<char> buffer, out int length)
    {
        if (!double.IsFinite(value) || value == 0 || Math.Abs(value) >= 1e16
            || !value.TryFormat(buffer[..^2], out length, "R", CultureInfo.InvariantCulture)
            || buffer[..length].IndexOfAny('E', 'e') >= 0)
        {
            length = 0;
            return false;
        }

        if (!buffer[..length].Contains('.'))
        {
            buffer[length++] = '.';
            buffer[length++] = '0';
        }

        return true;
    }

    private static string FormatSlow(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E16" is not shortest; "R" is, so take its digits and exponent and lay them out again.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = text;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..exponentAt];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point >= 0 ? mantissa.Remove(point, 1) : mantissa;
        var integerDigits = point >= 0 ? point : mantissa.Length;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        // decimalExponent: the value is 0.d1d2d3... x 10^decimalExponent
        var decimalExponent = integerDigits - leadingZeros + exponent;
        var sci = decimalExponent - 1;
        string body;
        if (sci < -4 || sci >= 16)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            var sign = sci < 0 ? "-" : "+";
            body = $"{digits[0]}{fraction}e{sign}{Math.Abs(sci):00}";
        }
        else if (decimalExponent <= 0)
        {
            body = "0." + new string('0', -decimalExponent) + digits;
        }
        else if (decimalExponent >= digits.Length)
        {
            body = digits + new string('0', decimalExponent - digits.Length) + ".0";
        }
        else
        {
            body = digits[..decimalExponent] + "." + digits[decimalExponent..];
        }

        return negative ? "-" + body : body;
    }
}
