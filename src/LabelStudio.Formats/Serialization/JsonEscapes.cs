using System.Globalization;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Finds <c>\u</c> escapes that decode to an unpaired UTF-16 surrogate (<c>"\ud800"</c>). JSON's grammar allows them,
/// and both readers accept them, but no UTF-8 text can hold such a character: System.Text.Json refuses to write the value
/// back, so a task holding one would fail later, in the middle of an export, without a position. The readers refuse it
/// where it is instead.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>The message of the error raised at such an escape.</summary>
    internal const string UnpairedSurrogateMessage =
        "The escape is an unpaired UTF-16 surrogate: a high surrogate (\\ud800-\\udbff) must be followed by a low one " +
        "(\\udc00-\\udfff) and a low one must follow a high one, or the character cannot be written as UTF-8.";

    /// <summary>
    /// The offset of the first <c>\u</c> escape in <paramref name="json"/> that decodes to an unpaired surrogate, or -1.
    /// The text must be valid JSON already (the tokenizer's check): every backslash is then inside a string and starts a
    /// complete escape.
    /// </summary>
    internal static int FindUnpairedSurrogate(ReadOnlySpan<byte> json)
    {
        var i = 0;
        while (true)
        {
            var next = json[i..].IndexOf((byte)'\\');
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (i + 1 >= json.Length)
            {
                return -1;
            }

            if (json[i + 1] != (byte)'u')
            {
                // A two-byte escape such as \\ or \": its second byte is never the start of another escape.
                i += 2;
                continue;
            }

            var length = UnicodeEscapeLength(json, i);
            if (length == 0)
            {
                return i;
            }

            i += length;
        }
    }

    /// <summary>
    /// The length of the <c>\u</c> escape at <paramref name="i"/>: 6, or 12 for a surrogate pair written as two escapes;
    /// 0 when it is an unpaired surrogate (or not a complete escape).
    /// </summary>
    internal static int UnicodeEscapeLength(ReadOnlySpan<byte> json, int i)
    {
        var unit = HexUnit(json, i);
        if (unit < 0)
        {
            return 0;
        }

        if (unit is < 0xD800 or > 0xDFFF)
        {
            return 6;
        }

        return unit < 0xDC00 && HexUnit(json, i + 6) is >= 0xDC00 and <= 0xDFFF ? 12 : 0;
    }

    // The code unit of the \uXXXX escape at i, or -1 when there is none there.
    private static int HexUnit(ReadOnlySpan<byte> json, int i)
    {
        if (i + 6 > json.Length || json[i] != (byte)'\\' || json[i + 1] != (byte)'u')
        {
            return -1;
        }

        // The four digits alone: the hex style takes no sign, no whitespace and no prefix.
        return ushort.TryParse(json.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit) ? unit : -1;
    }
}
