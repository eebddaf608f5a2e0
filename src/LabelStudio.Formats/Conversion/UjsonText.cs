using System.Buffers;
using System.Globalization;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// Turns compact JSON written by System.Text.Json into the text ujson's <c>dumps</c> gives for the same values, as
/// the official converter writes JSON cells in CSV/TSV: <c>/</c> escaped as <c>\/</c>, floats in ujson's shortest
/// form (<c>36.0</c>, <c>1e-5</c>, <c>1e+16</c>), ints as Python keeps them (<c>-0</c> is 0).
/// </summary>
/// <remarks>
/// Two sources of numbers: <see cref="NumberSource.Literal"/> is text read from the export (a task's data, an
/// annotation's history) and keeps the int/float distinction Python's parser makes; <see cref="NumberSource.Double"/>
/// is the JSON writer's text of a double of our models (result values), whose integral values were written as
/// integers and stay so (Label Studio's front end writes <c>0</c>, not <c>0.0</c>), the rest in ujson's layout.
/// </remarks>
internal static class UjsonText
{
    // Bytes after which the text may differ: a '/' in a string, a fraction or exponent, a minus (-0).
    private static readonly SearchValues<byte> Literal = SearchValues.Create("/.eE-"u8);

    // The JSON writer's text of a double differs from ujson's only in an exponent (1E-05, 1E+16) or -0; -0 is looked
    // for on its own, since a '-' alone is in every date and negative number.
    private static readonly SearchValues<byte> Double = SearchValues.Create("/E"u8);

    /// <summary>Where the numbers of the text came from (see the remarks on <see cref="UjsonText"/>).</summary>
    public enum NumberSource
    {
        /// <summary>Literals as read from the export.</summary>
        Literal,

        /// <summary>Doubles written by <see cref="System.Text.Json.Utf8JsonWriter"/>.</summary>
        Double,
    }

    /// <summary>Whether <see cref="Write"/> would change the text (most JSON cells are left as they are).</summary>
    public static bool MayDiffer(ReadOnlySpan<byte> json, NumberSource source) =>
        source == NumberSource.Literal ? json.ContainsAny(Literal) : json.ContainsAny(Double) || HasNegativeZero(json);

    // A "-0" not followed by a digit, '.' or exponent: the writer's negative zero (dates' "-03" and "-0.5" are not).
    private static bool HasNegativeZero(ReadOnlySpan<byte> json)
    {
        var at = json.IndexOf("-0"u8);
        while (at >= 0)
        {
            var next = at + 2;
            if (next == json.Length || json[next] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E'))
            {
                return true;
            }

            var rest = json[next..].IndexOf("-0"u8);
            at = rest < 0 ? -1 : next + rest;
        }

        return false;
    }

    /// <summary>Writes <paramref name="json"/> (valid compact JSON) as ujson would have written its values.</summary>
    public static void Write(ReadOnlySpan<byte> json, Utf8Buffer output, NumberSource source)
    {
        var i = 0;
        while (i < json.Length)
        {
            var c = json[i];
            if (c == (byte)'"')
            {
                i = CopyString(json, i, output);
            }
            else if (c == (byte)'-' || (uint)(c - '0') <= 9)
            {
                var end = i + 1;
                while (end < json.Length && json[end] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-')
                {
                    end++;
                }

                WriteNumber(json[i..end], output, source);
                i = end;
            }
            else
            {
                output.Put(c);
                i++;
            }
        }
    }

    /// <summary>A string of UTF-8 text as <see cref="Write"/> gives it, into a new string.</summary>
    public static string Rewrite(string json, NumberSource source)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        if (!MayDiffer(bytes, source))
        {
            return json;
        }

        var output = new Utf8Buffer(bytes.Length + 16);
        Write(bytes, output, source);
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static int CopyString(ReadOnlySpan<byte> json, int start, Utf8Buffer output)
    {
        output.Put((byte)'"');
        var i = start + 1;
        while (true)
        {
            var run = json[i..];
            var next = run.IndexOfAny((byte)'"', (byte)'\\', (byte)'/');
            output.Write(run[..next]);
            i += next;
            switch (json[i])
            {
                case (byte)'"':
                    output.Put((byte)'"');
                    return i + 1;
                case (byte)'/':
                    output.Write("\\/"u8);
                    i++;
                    break;
                default:
                    // An escape: \" \\ \/ or one letter, or \uXXXX, copied whole (ujson's own escapes are these).
                    var length = json[i + 1] == (byte)'u' ? 6 : 2;
                    output.Write(json.Slice(i, length));
                    i += length;
                    break;
            }
        }
    }

    /// <summary>Writes one number token as ujson would have written its value.</summary>
    public static void WriteNumber(ReadOnlySpan<byte> token, Utf8Buffer output, NumberSource source)
    {
        var fraction = token.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0;
        if (source == NumberSource.Literal)
        {
            if (!fraction)
            {
                // Python's int("-0") is 0; other integers keep their digits (ints are exact).
                output.Write(token.SequenceEqual("-0"u8) ? "0"u8 : token);
                return;
            }
        }
        else if (token.SequenceEqual("-0"u8))
        {
            // Only a float is -0 to Python.
            output.Write("-0.0"u8);
            return;
        }
        else if (token.IndexOfAny((byte)'e', (byte)'E') < 0)
        {
            output.Write(token);
            return;
        }

        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            output.Write(token);
            return;
        }

        if (source == NumberSource.Double && double.IsInteger(value) && Math.Abs(value) < 1e16)
        {
            // An integral double the writer put in exponent form (1E+15): the integer it stands for, as the others.
            output.WriteInt((long)value);
            return;
        }

        output.Advance(PythonFloat.WriteUjson(value, output.GetSpan(Serialization.ShortestDouble.MaxLength)));
    }
}
