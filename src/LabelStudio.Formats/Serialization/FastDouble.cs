using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads the number token most exports are made of (a plain decimal such as <c>26.827389647638</c>) without the general
/// parser: when the digits form an integer of at most 2^53 and there are at most 22 of them after the point, both that
/// integer and the power of ten are exact doubles, so one IEEE division gives the correctly rounded value — the same
/// double the general parser returns. Everything else (exponents, more digits, values split across segments) goes to
/// <see cref="Utf8JsonReader.GetDouble"/>.
/// </summary>
internal static class FastDouble
{
    internal const ulong MaxExactInteger = 1UL << 53;

    internal static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The value of the current <see cref="JsonTokenType.Number"/> token.</summary>
    public static double Get(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && TryParse(reader.ValueSpan, out var value))
        {
            return value;
        }

        // The parser rounds what exceeds a double's range to infinity, which no JSON writer accepts back: refused here.
        var parsed = reader.GetDouble();
        return double.IsFinite(parsed)
            ? parsed
            : throw new JsonException($"The number {(reader.HasValueSequence ? "" : System.Text.Encoding.UTF8.GetString(reader.ValueSpan) + " ")}is beyond the range of a double (about ±1.8e308).");
    }

    /// <summary>Parses a JSON number already validated by the tokenizer; false when the fast path does not apply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong digits = 0;
        var count = 0;
        var fraction = -1;
        // Eight digits in one step where a run of digits starts (the integer part, the fraction): most coordinates have a
        // dozen. Tried once per run, not after every digit; at most 19 digits in all.
        var tryEight = true;
        for (; i < text.Length; i++)
        {
            if (tryEight)
            {
                tryEight = false;
                while (count <= 11 && i + 8 <= text.Length && TryReadEightDigits(text[i..], out var eight))
                {
                    digits = (digits * 100_000_000) + eight;
                    count += 8;
                    if (fraction >= 0)
                    {
                        fraction += 8;
                    }

                    i += 8;
                }

                if (i == text.Length)
                {
                    break;
                }
            }

            var c = text[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                // 19 digits always fit in a ulong; the 2^53 check below rejects the big ones.
                if (++count > 19)
                {
                    return false;
                }

                digits = (digits * 10) + d;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                tryEight = true;
            }
            else
            {
                // An exponent, or anything the tokenizer would not have let through.
                return false;
            }
        }

        if (count == 0 || digits > MaxExactInteger || fraction > 22)
        {
            return false;
        }

        var result = fraction > 0 ? digits / PowersOfTen[fraction] : digits;
        value = negative ? -result : result;
        return true;
    }

    // Bit tricks on eight ASCII bytes read as one little-endian word (the first digit in the lowest byte): every byte
    // is a digit when its high nibble is 3 and adding 6 does not take it past 9; then pairs, quads and the eight digits
    // are combined by three multiplications.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryReadEightDigits(ReadOnlySpan<byte> text, out ulong value)
    {
        var word = BinaryPrimitives.ReadUInt64LittleEndian(text);
        if (((word & 0xF0F0F0F0F0F0F0F0UL) | (((word + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
        {
            value = 0;
            return false;
        }

        word &= 0x0F0F0F0F0F0F0F0FUL;
        word = (word * 2561) >> 8;
        word = ((word & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        value = ((word & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32;
        return true;
    }
}
