using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LabelStudio.Formats.Tests.Serialization;

// The formatter as it was before the constant power table and the block digit writer (commit 095a8fe), kept as the
// oracle the differential tests compare the current one with: same Schubfach core, BigInteger-built table, digits
// written two at a time from the pair table. Only the two text layouts are used.
internal static class ShortestDoubleOracle
{
    /// <summary>A shortest round-trip digit string of a double never has more than 17 digits.</summary>
    public const int MaxDigits = 17;

    /// <summary>
    /// Longest text either format writes: <c>-1.2345678901234567E-308</c> (24 bytes); the longest positional forms,
    /// <c>-0.00012345678901234567</c> and <c>-1234567890123456.0</c>, are shorter.
    /// </summary>
    public const int MaxLength = 24;

    // Decimal exponents -k the scaling needs: k = floor(log10(2^q)) (or of 3/4 2^q) for the binary exponents
    // q = -1074..971 of finite doubles lies in [-324, 292].
    private const int MinPow10 = -292;
    private const int MaxPow10 = 324;

    private const ulong HiddenBit = 1UL << 52;
    private const ulong FractionMask = HiddenBit - 1;
    private const ulong SignBit = 1UL << 63;

    // For each e in [MinPow10, MaxPow10]: g = floor(10^e 2^-r) + 1 with r chosen so that 2^125 <= 10^e 2^-r < 2^126,
    // stored as the pair (g >> 64, g & ulong.MaxValue). Computed exactly with BigInteger once per process instead of
    // a 10 KB literal table: about 2 ms plus loading System.Runtime.Numerics (see benchmarks/README.md).
    private static readonly ulong[] Pow10Table = BuildPow10Table();

    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
        10_000_000_000_000_000_000UL,
    ];

    // 10^0 .. 10^22: the powers of ten a double holds exactly (5^22 < 2^53).
    private static ReadOnlySpan<double> PowersOfTenAsDoubles =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>
    /// Writes the shortest round-trip digits of a finite, non-zero <paramref name="value"/> (its sign ignored) as
    /// ASCII <c>'0'</c>-<c>'9'</c>, with no leading or trailing zeros, so that
    /// |value| = d1.d2d3... x 10^<paramref name="exponent"/> (scientific notation: one digit before the point).
    /// </summary>
    /// <param name="value">A finite double other than zero.</param>
    /// <param name="digits">Receives the digits; at least <see cref="MaxDigits"/> bytes.</param>
    /// <param name="exponent">The decimal exponent of the first digit.</param>
    /// <returns>The number of digits written (1 to 17).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="MaxDigits"/>.</exception>
    public static int Digits(double value, Span<byte> digits, out int exponent)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite, non-zero doubles have shortest digits.");
        }

        if (digits.Length < MaxDigits)
        {
            throw new ArgumentException($"The digit buffer must hold {MaxDigits} bytes; it has {digits.Length}.", nameof(digits));
        }

        var significand = ToDecimal(value, out var decimalExponent);
        var count = WriteDigits(significand, digits);
        exponent = decimalExponent + count - 1;
        return count;
    }

    /// <summary>
    /// Writes exactly the UTF-8 text of <c>value.ToString("R", CultureInfo.InvariantCulture)</c>: shortest digits,
    /// positional between 1E-04 and 1E+17 (exclusive), otherwise <c>1.5E-05</c> / <c>1E+17</c> (sign and at least two
    /// exponent digits); <c>0</c>, <c>-0</c>, <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
    /// <returns>False (nothing written) when <paramref name="utf8"/> is too short.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFormatRoundTrip(double value, Span<byte> utf8, out int written)
    {
        if (utf8.Length >= MaxLength)
        {
            written = FormatRoundTrip(value, utf8);
            return true;
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        return CopyIfFits(buffer[..FormatRoundTrip(value, buffer)], utf8, out written);
    }

    /// <summary>
    /// Writes the UTF-8 text of Python's <c>repr(value)</c>: shortest digits, positional with <c>.0</c> on integral
    /// values when the decimal exponent is in [-4, 16), otherwise <c>1e-05</c> / <c>1.5e+16</c> (sign and at least
    /// two exponent digits); <c>0.0</c>, <c>-0.0</c>, <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    /// <returns>False (nothing written) when <paramref name="utf8"/> is too short.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFormatPython(double value, Span<byte> utf8, out int written)
    {
        if (utf8.Length >= MaxLength)
        {
            written = FormatPython(value, utf8);
            return true;
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        return CopyIfFits(buffer[..FormatPython(value, buffer)], utf8, out written);
    }

    /// <summary>
    /// <see cref="TryFormatRoundTrip(double, Span{byte}, out int)"/> into chars, for writers that work on text
    /// (<see cref="TextWriter"/>, <see cref="System.Text.StringBuilder"/>).
    /// </summary>
    /// <returns>False (nothing written) when <paramref name="destination"/> is too short.</returns>
    public static bool TryFormatRoundTrip(double value, Span<char> destination, out int written)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return WidenIfFits(buffer[..FormatRoundTrip(value, buffer)], destination, out written);
    }

    /// <summary>
    /// <see cref="TryFormatPython(double, Span{byte}, out int)"/> into chars, for writers that work on text
    /// (<see cref="TextWriter"/>, <see cref="System.Text.StringBuilder"/>).
    /// </summary>
    /// <returns>False (nothing written) when <paramref name="destination"/> is too short.</returns>
    public static bool TryFormatPython(double value, Span<char> destination, out int written)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return WidenIfFits(buffer[..FormatPython(value, buffer)], destination, out written);
    }

    private static bool WidenIfFits(ReadOnlySpan<byte> text, Span<char> destination, out int written)
    {
        if (text.Length > destination.Length)
        {
            written = 0;
            return false;
        }

        System.Text.Ascii.ToUtf16(text, destination, out written);
        return true;
    }

    private static bool CopyIfFits(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        if (!text.TryCopyTo(destination))
        {
            written = 0;
            return false;
        }

        written = text.Length;
        return true;
    }

    private static int FormatRoundTrip(double value, Span<byte> utf8)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? Write(utf8, "NaN"u8) : Write(utf8, value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }

        var position = 0;
        if (double.IsNegative(value))
        {
            utf8[position++] = (byte)'-';
        }

        if (value == 0)
        {
            utf8[position++] = (byte)'0';
            return position;
        }

        var significand = ToDecimal(value, out var decimalExponent);
        var count = CountDigits(significand);
        var exponent = decimalExponent + count - 1;

        // .NET's "R" keeps positional text while the point is at most 17 places right of the first digit and at
        // most 3 zeros follow "0." (measured: 1E+16 prints in full, 1E+17 does not; 0.0001 in full, 1E-05 not).
        if (exponent is >= 17 or < -4)
        {
            return position + WriteScientific(significand, count, exponent, utf8[position..], (byte)'E');
        }

        return position + WritePositional(significand, count, exponent, utf8[position..], pointZero: false);
    }

    private static int FormatPython(double value, Span<byte> utf8)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? Write(utf8, "nan"u8) : Write(utf8, value > 0 ? "inf"u8 : "-inf"u8);
        }

        var position = 0;
        if (double.IsNegative(value))
        {
            utf8[position++] = (byte)'-';
        }

        if (value == 0)
        {
            return position + Write(utf8[position..], "0.0"u8);
        }

        var significand = ToDecimal(value, out var decimalExponent);
        var count = CountDigits(significand);
        var exponent = decimalExponent + count - 1;

        // CPython's float_repr_style 'short': repr switches to an exponent below 1e-4 and from 1e16 on.
        if (exponent is >= 16 or < -4)
        {
            return position + WriteScientific(significand, count, exponent, utf8[position..], (byte)'e');
        }

        return position + WritePositional(significand, count, exponent, utf8[position..], pointZero: true);
    }

    private static int Write(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int WriteScientific(ulong significand, int count, int exponent, Span<byte> utf8, byte marker)
    {
        // d[.ddd]E+XX: the digits go one place right of their final position, then the first moves left of the point.
        WriteDigits(significand, count, utf8.Slice(1, count));
        utf8[0] = utf8[1];
        var position = 1;
        if (count > 1)
        {
            utf8[1] = (byte)'.';
            position = count + 1;
        }

        utf8[position++] = marker;
        if (exponent < 0)
        {
            utf8[position++] = (byte)'-';
            exponent = -exponent;
        }
        else
        {
            utf8[position++] = (byte)'+';
        }

        if (exponent >= 100)
        {
            utf8[position++] = (byte)('0' + (exponent / 100));
            exponent %= 100;
        }

        DigitPairs.Slice(exponent * 2, 2).CopyTo(utf8[position..]);
        return position + 2;
    }

    private static int WritePositional(ulong significand, int count, int exponent, Span<byte> utf8, bool pointZero)
    {
        if (exponent < 0)
        {
            // 0.000ddd
            var zeros = -exponent - 1;
            utf8[0] = (byte)'0';
            utf8[1] = (byte)'.';
            utf8.Slice(2, zeros).Fill((byte)'0');
            WriteDigits(significand, count, utf8.Slice(2 + zeros, count));
            return 2 + zeros + count;
        }

        var integerDigits = exponent + 1;
        if (count <= integerDigits)
        {
            // ddd000[.0]
            WriteDigits(significand, count, utf8[..count]);
            utf8[count..integerDigits].Fill((byte)'0');
            if (!pointZero)
            {
                return integerDigits;
            }

            utf8[integerDigits] = (byte)'.';
            utf8[integerDigits + 1] = (byte)'0';
            return integerDigits + 2;
        }

        // dd.ddd: write all digits one place right, then move the integer digits back over the gap.
        WriteDigits(significand, count, utf8.Slice(1, count));
        for (var i = 0; i < integerDigits; i++)
        {
            utf8[i] = utf8[i + 1];
        }

        utf8[integerDigits] = (byte)'.';
        return count + 1;
    }

    /// <summary>
    /// Writes the decimal digits of <paramref name="value"/> (1 to <see cref="MaxDigits"/> of them: below 10^17) into
    /// <paramref name="destination"/>, with the same digit writer as the doubles; returns their count.
    /// </summary>
    internal static int WriteInteger(ulong value, Span<byte> destination)
    {
        Debug.Assert(value < 100_000_000_000_000_000UL, "17 digits at most");
        var count = value == 0 ? 1 : CountDigits(value);
        WriteDigits(value, count, destination[..count]);
        return count;
    }

    private static int WriteDigits(ulong significand, Span<byte> digits)
    {
        var count = CountDigits(significand);
        WriteDigits(significand, count, digits[..count]);
        return count;
    }

    // Writes the count digits of value into digits (exactly count bytes long, sliced by the callers): eight at a time
    // while they do not fit 32 bits, then two at a time from the pair table. Unchecked writes, as the callers' slices
    // have already checked the range; this loop is the formatter's hottest after the scaling.
    private static void WriteDigits(ulong value, int count, Span<byte> digits)
    {
        Debug.Assert(digits.Length == count && count <= MaxDigits, "callers pass an exact slice");
        ref var start = ref MemoryMarshal.GetReference(digits);
        var position = count;
        while (position > 8)
        {
            var quotient = value / 100_000_000;
            position -= 8;
            WriteEight((uint)(value - (quotient * 100_000_000)), ref Unsafe.Add(ref start, position));
            value = quotient;
        }

        var rest = (uint)value;
        while (position >= 2)
        {
            var quotient = rest / 100;
            position -= 2;
            WritePair(rest - (quotient * 100), ref Unsafe.Add(ref start, position));
            rest = quotient;
        }

        if (position == 1)
        {
            start = (byte)('0' + rest);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteEight(uint value, ref byte destination)
    {
        var high = value / 10_000;
        var low = value - (high * 10_000);
        var highPair = high / 100;
        var lowPair = low / 100;
        WritePair(highPair, ref destination);
        WritePair(high - (highPair * 100), ref Unsafe.Add(ref destination, 2));
        WritePair(lowPair, ref Unsafe.Add(ref destination, 4));
        WritePair(low - (lowPair * 100), ref Unsafe.Add(ref destination, 6));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(uint pair, ref byte destination) =>
        Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(DigitPairs), (nint)(pair * 2))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong value)
    {
        // floor(log10(2^(log2 + 1))) via 1233/4096 ~ log10(2), then one comparison settles the power of ten crossed.
        var approximate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return approximate + (value >= PowersOfTen[approximate] ? 1 : 0);
    }

    /// <summary>
    /// The shortest round-trip decimal of |value| (finite, non-zero) as significand x 10^exponent, the significand
    /// without trailing zeros.
    /// </summary>
    private static ulong ToDecimal(double value, out int exponent)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var biasedExponent = (int)(bits >> 52) & 0x7FF;
        var fraction = bits & FractionMask;
        ulong significand;
        if (biasedExponent != 0)
        {
            var c = fraction | HiddenBit;
            var q = biasedExponent - 1075;

            // Integers below 2^53: the integer itself is the shortest (a neighbour is at most 1 away, and any other
            // decimal within half a spacing of it has a fractional part, hence more digits).
            if (q is <= 0 and > -53)
            {
                var integer = c >> -q;
                if (integer << -q == c)
                {
                    exponent = 0;
                    return RemoveTrailingZeros(integer, ref exponent);
                }
            }

            if (TryFifteenDigits(BitConverter.UInt64BitsToDouble(bits & ~SignBit), q, out significand, out exponent))
            {
                return RemoveTrailingZeros(significand, ref exponent);
            }

            significand = Schubfach(c, q, irregular: fraction == 0 && biasedExponent > 1, out exponent);
        }
        else
        {
            significand = Schubfach(fraction, -1074, irregular: false, out exponent);
        }

        return RemoveTrailingZeros(significand, ref exponent);
    }

    /// <summary>
    /// The fast path for a double that is the nearest double to a decimal of at most 15 significant digits (what a
    /// reader made of such a decimal, or a computation that happened to land on one): that decimal, as
    /// m x 10^-k with m &lt;= 10^15, when <paramref name="value"/> lies in [1e-8, 1e15) roughly.
    /// </summary>
    /// <remarks>
    /// Why the answer is Schubfach's: (1) The test <c>m / 10^k == value</c> divides two exact doubles (m &lt;= 10^15 &lt;
    /// 2^53, 10^k &lt;= 10^22 &lt; 2^53 5^22 exactly representable), so the quotient is the correctly rounded m 10^-k: D =
    /// m 10^-k parses back to value. (2) D is the only decimal of at most 15 significant digits that does: two such
    /// decimals D &lt; D' with e = floor(log10 D) are both multiples of 10^(e-14), so D' - D &gt;= 10^(e-14); both
    /// within half a spacing of value would need D' - D &lt;= ulp(value) &lt;= 2^-52 value &lt;= 2^-52 10^(e+1) (1 + 2^-52)
    /// &lt; 2.3 10^(e-15), which is less (DBL_DIG = 15). (3) A shortest round-trip decimal has at most as many digits
    /// as D, hence at most 15, hence is D by (2); among equally short ones there is no choice left, so "closest to
    /// the exact value" picks D too. The search for m only decides how often the path hits, not what it returns:
    /// with k = 14 - floor(log10 value) (one too big when the estimate from the binary exponent is one too small,
    /// then m has 16 digits and k drops by one), D 10^k = M is an integer below 10^15 and value 10^k is within
    /// 10^15 2^-53 &lt; 0.12 of M, plus the product's rounding (ulp(10^15)/2 = 0.0625): rounding gives M.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFifteenDigits(double value, int q, out ulong significand, out int exponent)
    {
        // floor(log10(value)) is floor(p log10 2) or one more, for value in [2^p, 2^(p+1)).
        var k = 14 - FloorLog10Pow2(q + 52);

        // Just above 1e-8 the estimate asks for 10^23, which a double does not hold; 10^22 is then the right scale.
        k = k == 23 ? 22 : k;
        if ((uint)k <= 22)
        {
            var powers = PowersOfTenAsDoubles;
            var scale = powers[k];
            var scaled = value * scale;
            if (scaled >= 1e15 && k > 0)
            {
                scale = powers[--k];
                scaled = value * scale;
            }

            var m = Math.Round(scaled);
            if (m <= 1e15 && m / scale == value)
            {
                // m is a whole number in [0, 10^15]: the signed conversion is exact and cheaper than the saturating unsigned one.
                significand = (ulong)(long)m;
                exponent = -k;
                return true;
            }
        }

        significand = 0;
        exponent = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RemoveTrailingZeros(ulong value, ref int exponent)
    {
        while (true)
        {
            var (quotient, remainder) = Math.DivRem(value, 10);
            if (remainder != 0)
            {
                return value;
            }

            value = quotient;
            exponent++;
        }
    }

    /// <summary>
    /// The paper's core for v = c 2^q: the rounding interval is (c - 1/2, c + 1/2) 2^q (its lower half a quarter
    /// spacing when c is a power of two above the smallest normal: "irregular"), closed when c is even because
    /// parsing rounds ties to even. With k = floor(log10(width)), at most one multiple of 10^(k+1) and at least one
    /// multiple of 10^k lie in it: the former if present is the shortest; otherwise the one of the two multiples of
    /// 10^k around v that lies inside, or the closer one (the even one on a tie) when both do. All quantities are
    /// scaled by 4 (two fraction bits for the quarter-spacing bounds) and by 10^-k with a 126-bit approximation g
    /// rounded to odd, which the paper proves keeps every comparison against multiples of 4 exact.
    /// </summary>
    private static ulong Schubfach(ulong c, int q, bool irregular, out int exponent)
    {
        var inclusive = (c & 1) == 0 ? 0UL : 1UL;
        var cb = c << 2;
        var cbr = cb + 2;
        ulong cbl;
        int k;
        if (irregular)
        {
            cbl = cb - 1;
            k = FloorLog10ThreeQuartersPow2(q);
        }
        else
        {
            cbl = cb - 2;
            k = FloorLog10Pow2(q);
        }

        var h = q + FloorLog2Pow10(-k) + 2;
        var index = (-k - MinPow10) * 2;
        var table = Pow10Table;
        var g1 = table[index];
        var g0 = table[index + 1];
        var vb = RoundToOdd(g1, g0, cb << h);
        var vbl = RoundToOdd(g1, g0, cbl << h);
        var vbr = RoundToOdd(g1, g0, cbr << h);

        exponent = k;
        var s = vb >> 2;
        var sp10 = s / 10 * 10;
        var tp10 = sp10 + 10;
        var shorterLowIn = vbl + inclusive <= sp10 << 2;
        var shorterHighIn = (tp10 << 2) + inclusive <= vbr;
        if (shorterLowIn != shorterHighIn)
        {
            return shorterLowIn ? sp10 : tp10;
        }

        var t = s + 1;
        var lowIn = vbl + inclusive <= s << 2;
        var highIn = (t << 2) + inclusive <= vbr;
        if (lowIn != highIn)
        {
            return lowIn ? s : t;
        }

        // Both inside: the closer to v; vb against 4s + 2 (the midpoint, scaled).
        var midpoint = (s + t) << 1;
        return vb < midpoint || (vb == midpoint && (s & 1) == 0) ? s : t;
    }

    /// <summary>
    /// floor(g cp / 2^127) with its lowest bit set when the exact quotient (with 10^-k in place of its overestimate
    /// g) is no integer: rounding to odd.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RoundToOdd(ulong g1, ulong g0, ulong cp)
    {
        // g cp = g1 cp 2^64 + g0 cp = top 2^128 + middle 2^64 + low. g exceeds the exact scale by at most 1, so g cp
        // exceeds the exact product by less than cp < 2^64: that excess only reaches low, which is left out of the
        // test (and can carry nowhere). The paper shows that an inexact quotient's fraction always shows above 2^64.
        var high0 = Math.BigMul(g0, cp, out _);
        var high1 = Math.BigMul(g1, cp, out var low1);
        var middle = low1 + high0;
        var top = high1 + (middle < low1 ? 1UL : 0UL);
        var quotient = (top << 1) | (middle >> 63);
        var inexact = (middle & (ulong.MaxValue >> 1)) != 0;
        return quotient | (inexact ? 1UL : 0UL);
    }

    // floor(q log10(2)), floor(q log10(2) + log10(3/4)) and floor(e log2(10)) by fixed-point multiplication; exact over
    // the ranges used here (the tests compare them with BigInteger arithmetic over every q and e a double needs).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FloorLog10Pow2(int q) => (int)((q * 661_971_961_083L) >> 41);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FloorLog10ThreeQuartersPow2(int q) => (int)(((q * 661_971_961_083L) - 274_743_187_321L) >> 41);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FloorLog2Pow10(int e) => (int)((e * 913_124_641_741L) >> 38);

    internal static BigInteger TableEntry(int e) =>
        (new BigInteger(Pow10Table[(e - MinPow10) * 2]) << 64) | Pow10Table[((e - MinPow10) * 2) + 1];

    internal static (int Min, int Max) TableRange => (MinPow10, MaxPow10);

    /// <summary>
    /// For the tests: the fast path alone on a finite, positive, normal <paramref name="value"/>, with trailing zeros
    /// removed as <see cref="ToDecimal"/> returns it; false where it does not apply.
    /// </summary>
    internal static bool TryFastDecimal(double value, out ulong significand, out int exponent)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var biasedExponent = (int)(bits >> 52) & 0x7FF;
        if (!double.IsFinite(value) || value <= 0 || biasedExponent == 0
            || !TryFifteenDigits(value, biasedExponent - 1075, out significand, out exponent))
        {
            significand = 0;
            exponent = 0;
            return false;
        }

        significand = RemoveTrailingZeros(significand, ref exponent);
        return true;
    }

    /// <summary>For the tests: Schubfach alone (no integer or fast path) on a finite, non-zero value.</summary>
    internal static ulong SchubfachDecimal(double value, out int exponent)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var biasedExponent = (int)(bits >> 52) & 0x7FF;
        var fraction = bits & FractionMask;
        var significand = biasedExponent != 0
            ? Schubfach(fraction | HiddenBit, biasedExponent - 1075, irregular: fraction == 0 && biasedExponent > 1, out exponent)
            : Schubfach(fraction, -1074, irregular: false, out exponent);
        return RemoveTrailingZeros(significand, ref exponent);
    }

    private static ulong[] BuildPow10Table()
    {
        var table = new ulong[(MaxPow10 - MinPow10 + 1) * 2];
        var mask = new BigInteger(ulong.MaxValue);
        var power = BigInteger.One;
        var powerOfFive = BigInteger.One;
        for (var e = 0; e <= Math.Max(MaxPow10, -MinPow10); e++)
        {
            // power = 10^e, with 2^(bits-1) < power < 2^bits for e > 0.
            var bits = (int)power.GetBitLength();
            if (e <= MaxPow10)
            {
                // 10^e 2^-r in [2^125, 2^126) for r = bits - 126.
                var shift = bits - 126;
                var g = (shift >= 0 ? power >> shift : power << -shift) + 1;
                Store(table, e, g, mask);
            }

            if (e > 0 && -e >= MinPow10)
            {
                // 10^-e = (2^(125 + bits) / 10^e) 2^-(125 + bits), and 10^e is no power of two, so the quotient lies
                // strictly between 2^125 and 2^126. Dividing 2^(125 + bits - e) by 5^e gives the same floor with
                // a shorter divisor (the division is most of the table's cost).
                var g = (BigInteger.One << (125 + bits - e)) / powerOfFive + 1;
                Store(table, -e, g, mask);
            }

            power *= 10;
            powerOfFive *= 5;
        }

        return table;

        static void Store(ulong[] table, int e, BigInteger g, BigInteger mask)
        {
            table[(e - MinPow10) * 2] = (ulong)(g >> 64);
            table[((e - MinPow10) * 2) + 1] = (ulong)(g & mask);
        }
    }
}
