using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LabelStudio.Formats.Serialization;

/// <summary>The block classification <see cref="StructuralScan"/> uses: machine vectors of 32 or 16 bytes, or none.</summary>
internal enum ScanWidth
{
    /// <summary>Byte by byte.</summary>
    Scalar,

    /// <summary>Four 16-byte vectors per block.</summary>
    Vector128,

    /// <summary>Two 32-byte vectors per block.</summary>
    Vector256,
}

/// <summary>
/// Finds where a JSON object ends without tokenizing it, 64 bytes at a time: bit masks of the quotes and brackets of a
/// block, a prefix XOR of the quote mask for "inside a string", and only the brackets outside strings are looked at
/// one by one. A block holding a backslash (an escape) is walked byte by byte instead, which keeps escaped quotes
/// exact at no cost for the common text without escapes. Only structure is checked; the tokenizer validates the
/// bytes afterwards.
/// </summary>
internal static class StructuralScan
{
    private const int Block = 64;

    /// <summary>
    /// The length of the object starting at <paramref name="span"/>[0] (which is <c>{</c>); 0 when it does not end within
    /// the span; -1 when it nests deeper than <paramref name="maxDepth"/>.
    /// </summary>
    /// <remarks>Two 32-byte loads per block where the machine has them, else four of 16 (the check is a JIT constant).</remarks>
    public static int FindObjectEnd(ReadOnlySpan<byte> span, int maxDepth) =>
        Vector256.IsHardwareAccelerated ? FindObjectEnd<Wide>(span, maxDepth) : FindObjectEnd<Narrow>(span, maxDepth);

    /// <summary>
    /// <see cref="FindObjectEnd(ReadOnlySpan{byte}, int)"/> with the block classification of the given width, whatever
    /// the machine has (a width it lacks is emulated, slowly but exactly): tests run every width on every machine.
    /// </summary>
    internal static int FindObjectEnd(ReadOnlySpan<byte> span, int maxDepth, ScanWidth width) => width switch
    {
        ScanWidth.Vector256 => FindObjectEnd<Wide>(span, maxDepth),
        ScanWidth.Vector128 => FindObjectEnd<Narrow>(span, maxDepth),
        ScanWidth.Scalar => FindObjectEnd<Scalar>(span, maxDepth),
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    // Generic over the classifier, a struct: the JIT compiles one copy per width with the classification inlined.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FindObjectEnd<TClassifier>(ReadOnlySpan<byte> span, int maxDepth)
        where TClassifier : struct, IClassifier
    {
        ref var start = ref MemoryMarshal.GetReference(span);
        var depth = 0;
        var inString = false;
        var escaped = false;
        var i = 0;
        while (i + Block <= span.Length)
        {
            TClassifier.Classify(ref start, (nuint)i, out var backslashes, out var quotes, out var opens, out var closes);
            if (escaped || backslashes != 0)
            {
                var found = Walk(span, i, i + Block, maxDepth, ref depth, ref inString, ref escaped);
                if (found != 0)
                {
                    return found;
                }

                i += Block;
                continue;
            }

            // Bit k of the prefix XOR is set when an odd number of quotes precede or sit at k: inside a string (the
            // opening quote included, the closing one not).
            var strings = PrefixXor(quotes);
            if (inString)
            {
                strings = ~strings;
            }

            inString = (long)strings < 0;
            var structural = (opens | closes) & ~strings;

            // Most blocks of a task lie deep inside it: when even all the block's closing brackets cannot bring the depth
            // to zero, nor all its opening ones take it past the limit, the counts are enough.
            var opening = BitOperations.PopCount(opens & structural);
            var closing = BitOperations.PopCount(closes & structural);
            if (depth > closing && depth + opening <= maxDepth)
            {
                depth += opening - closing;
                i += Block;
                continue;
            }

            while (structural != 0)
            {
                var bit = BitOperations.TrailingZeroCount(structural);
                if ((opens & (1UL << bit)) != 0)
                {
                    if (++depth > maxDepth)
                    {
                        return -1;
                    }
                }
                else if (--depth == 0)
                {
                    return i + bit + 1;
                }

                structural &= structural - 1;
            }

            i += Block;
        }

        return Walk(span, i, span.Length, maxDepth, ref depth, ref inString, ref escaped);
    }

    // Byte by byte over [from, to): the end of the object (> 0), -1 when too deep, 0 when it goes on.
    private static int Walk(ReadOnlySpan<byte> span, int from, int to, int maxDepth, ref int depth, ref bool inString, ref bool escaped)
    {
        for (var i = from; i < to; i++)
        {
            var c = span[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == (byte)'\\')
                {
                    escaped = true;
                }
                else if (c == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (c == (byte)'"')
            {
                inString = true;
            }
            else if (c is (byte)'{' or (byte)'[')
            {
                if (++depth > maxDepth)
                {
                    return -1;
                }
            }
            else if (c is (byte)'}' or (byte)']' && --depth == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }

    // Bit k of each mask is set when byte k of the 64-byte block at the offset is a backslash, a quote, an opening or a
    // closing bracket. '[' and ']' are '{' and '}' without the 0x20 bit, and no other byte becomes either with it set.
    private interface IClassifier
    {
        static abstract void Classify(ref byte start, nuint at, out ulong backslashes, out ulong quotes, out ulong opens, out ulong closes);
    }

    // Two 32-byte loads.
    private readonly struct Wide : IClassifier
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Classify(ref byte start, nuint at, out ulong backslashes, out ulong quotes, out ulong opens, out ulong closes)
        {
            var w0 = Vector256.LoadUnsafe(ref start, at);
            var w1 = Vector256.LoadUnsafe(ref start, at + 32);
            backslashes = Mask(w0, w1, (byte)'\\');
            quotes = Mask(w0, w1, (byte)'"');
            var fold = Vector256.Create((byte)0x20);
            w0 |= fold;
            w1 |= fold;
            opens = Mask(w0, w1, (byte)'{');
            closes = Mask(w0, w1, (byte)'}');
        }
    }

    // Four 16-byte loads.
    private readonly struct Narrow : IClassifier
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Classify(ref byte start, nuint at, out ulong backslashes, out ulong quotes, out ulong opens, out ulong closes)
        {
            var v0 = Vector128.LoadUnsafe(ref start, at);
            var v1 = Vector128.LoadUnsafe(ref start, at + 16);
            var v2 = Vector128.LoadUnsafe(ref start, at + 32);
            var v3 = Vector128.LoadUnsafe(ref start, at + 48);
            backslashes = Mask(v0, v1, v2, v3, (byte)'\\');
            quotes = Mask(v0, v1, v2, v3, (byte)'"');
            var folded = Vector128.Create((byte)0x20);
            v0 |= folded;
            v1 |= folded;
            v2 |= folded;
            v3 |= folded;
            opens = Mask(v0, v1, v2, v3, (byte)'{');
            closes = Mask(v0, v1, v2, v3, (byte)'}');
        }
    }

    // Byte by byte, without the folding trick: the reference the vector widths are tested against (never used otherwise).
    private readonly struct Scalar : IClassifier
    {
        public static void Classify(ref byte start, nuint at, out ulong backslashes, out ulong quotes, out ulong opens, out ulong closes)
        {
            backslashes = quotes = opens = closes = 0;
            for (var k = 0; k < Block; k++)
            {
                var c = Unsafe.Add(ref start, at + (nuint)k);
                var bit = 1UL << k;
                if (c == (byte)'\\')
                {
                    backslashes |= bit;
                }
                else if (c == (byte)'"')
                {
                    quotes |= bit;
                }

                else if (c is (byte)'{' or (byte)'[')
                {
                    opens |= bit;
                }
                else if (c is (byte)'}' or (byte)']')
                {
                    closes |= bit;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector256<byte> w0, Vector256<byte> w1, byte value)
    {
        var target = Vector256.Create(value);
        ulong m0 = Vector256.Equals(w0, target).ExtractMostSignificantBits();
        ulong m1 = Vector256.Equals(w1, target).ExtractMostSignificantBits();
        return m0 | (m1 << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector128<byte> v0, Vector128<byte> v1, Vector128<byte> v2, Vector128<byte> v3, byte value)
    {
        var target = Vector128.Create(value);
        ulong m0 = Vector128.Equals(v0, target).ExtractMostSignificantBits();
        ulong m1 = Vector128.Equals(v1, target).ExtractMostSignificantBits();
        ulong m2 = Vector128.Equals(v2, target).ExtractMostSignificantBits();
        ulong m3 = Vector128.Equals(v3, target).ExtractMostSignificantBits();
        return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }
}
