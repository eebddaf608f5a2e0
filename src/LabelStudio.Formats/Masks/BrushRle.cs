namespace LabelStudio.Formats.Masks;

/// <summary>
/// Label Studio's brush RLE (<c>value.rle</c> of <c>brushlabels</c> results): the bit-packed run-length
/// format of @thi.ng/rle-pack that the Label Studio editor writes and the official converter reads.
/// </summary>
/// <remarks>
/// <para>
/// Layout (big-endian bits): 32 bits value count N (H x W x 4 for an RGBA image), 5 bits word size - 1,
/// 4 x 4 bits run-length field sizes - 1, then chunks until N values are produced: 1 flag bit
/// (1 = repeat, 0 = literal), 2 bits choosing a run-length field, that field holding count - 1, then one
/// word (repeat) or count words (literal); zero bits pad the last byte.
/// </para>
/// <para>
/// Decoding is stricter than the official Python decoder where that one reads garbage: truncated
/// input, runs that overrun N and word sizes above 8 bits raise <see cref="RleFormatException"/> with
/// the byte and bit offset instead of yielding a short or wrapped mask. Bytes after the last chunk
/// are ignored, as the official decoders do.
/// </para>
/// <para>
/// <see cref="Encode"/> and <see cref="EncodeMask(ReadOnlySpan{byte})"/> are byte-exact with the
/// official encoder (<c>encode_rle</c>, <c>mask2rle</c> of label_studio_sdk.converter.brush).
/// </para>
/// </remarks>
public static class BrushRle
{
    /// <summary>Header size in bits: value count, word size, four run-length field sizes.</summary>
    private const int HeaderBits = 32 + 5 + 16;

    /// <summary>
    /// Largest number of values <see cref="Decode(ReadOnlySpan{byte})"/> allocates without being told
    /// more: 1 GiB, an RGBA image of about 16 000 x 16 000 pixels. A hostile header cannot make it allocate more.
    /// </summary>
    public const int DefaultMaxValueCount = 1 << 30;

    /// <summary>Reads the value count N from the header (H x W x 4 for Label Studio masks).</summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <returns>The declared number of values.</returns>
    /// <exception cref="RleFormatException">Fewer than 4 bytes.</exception>
    public static long ReadValueCount(ReadOnlySpan<byte> rle)
    {
        var reader = new BitReader(rle);
        return reader.Read(32, "the value count");
    }

    /// <summary>Decodes every value (for Label Studio masks: the RGBA bytes, H x W x 4).</summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <returns>The decoded values.</returns>
    /// <exception cref="RleFormatException">The RLE is malformed or declares more than <see cref="DefaultMaxValueCount"/> values.</exception>
    public static byte[] Decode(ReadOnlySpan<byte> rle) => Decode(rle, DefaultMaxValueCount);

    /// <summary>Decodes every value, refusing to allocate more than <paramref name="maxValueCount"/> bytes.</summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <param name="maxValueCount">Largest value count accepted.</param>
    /// <returns>The decoded values.</returns>
    /// <exception cref="RleFormatException">The RLE is malformed or declares more than <paramref name="maxValueCount"/> values.</exception>
    public static byte[] Decode(ReadOnlySpan<byte> rle, int maxValueCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValueCount);
        var count = ReadValueCount(rle);
        if (count > maxValueCount)
        {
            throw new RleFormatException(
                $"Brush RLE declares {count} values at byte 0, more than the {maxValueCount} allowed.", 0, 0);
        }

        var values = GC.AllocateUninitializedArray<byte>((int)count);
        Decode(rle, values);
        return values;
    }

    /// <summary>Decodes into a caller-provided buffer whose length must equal the declared value count.</summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <param name="destination">Receives the values.</param>
    /// <exception cref="RleFormatException">The RLE is malformed, or declares a count other than the buffer's length.</exception>
    public static void Decode(ReadOnlySpan<byte> rle, Span<byte> destination)
    {
        var reader = new BitReader(rle);
        var sizes = ReadHeader(ref reader, destination.Length, out var wordSize);
        var total = destination.Length;
        var i = 0;
        while (i < total)
        {
            var chunkBit = reader.BitPosition;
            var head = reader.Read(3, "a chunk header");
            var count = (int)reader.Read(sizes[(int)(head & 3)], "a run length") + 1;
            if (count > total - i)
            {
                ThrowOverrun(chunkBit, count, i, total);
            }

            if ((head & 4) != 0)
            {
                destination.Slice(i, count).Fill((byte)reader.Read(wordSize, "a repeated value"));
            }
            else
            {
                var literal = destination.Slice(i, count);
                for (var k = 0; k < literal.Length; k++)
                {
                    literal[k] = (byte)reader.Read(wordSize, "a literal value");
                }
            }

            i += count;
        }
    }

    /// <summary>
    /// Decodes a Label Studio brush RLE straight into the mask the official converter exports: the
    /// alpha channel (every fourth value) of an H x W RGBA image. The RGBA buffer is never materialised.
    /// </summary>
    /// <param name="rle">The RLE bytes (<c>value.rle</c>).</param>
    /// <param name="width">Image width in pixels (<c>original_width</c>).</param>
    /// <param name="height">Image height in pixels (<c>original_height</c>).</param>
    /// <returns>The mask, 0 = background.</returns>
    /// <exception cref="RleFormatException">The RLE is malformed or its value count is not width x height x 4.</exception>
    public static Mask DecodeMask(ReadOnlySpan<byte> rle, int width, int height)
    {
        // Every pixel gets written (or decoding throws and the array is dropped): skip zeroing it.
        var pixels = GC.AllocateUninitializedArray<byte>(Mask.CheckedLength(width, height));
        DecodeAlpha(rle, pixels);
        return new Mask(width, height, pixels);
    }

    /// <summary>
    /// Decodes the alpha channel (every fourth value, as the official converter does) into
    /// <paramref name="destination"/>, whose length must be the declared value count / 4.
    /// </summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <param name="destination">Receives one byte per pixel.</param>
    /// <exception cref="RleFormatException">The RLE is malformed or its value count is not 4 x the buffer's length.</exception>
    public static void DecodeAlpha(ReadOnlySpan<byte> rle, Span<byte> destination)
    {
        var reader = new BitReader(rle);
        var total = (long)destination.Length * 4;
        var sizes = ReadHeader(ref reader, total, out var wordSize);
        var i = 0L;
        while (i < total)
        {
            var chunkBit = reader.BitPosition;
            var head = reader.Read(3, "a chunk header");
            var count = (long)reader.Read(sizes[(int)(head & 3)], "a run length") + 1;
            if (count > total - i)
            {
                ThrowOverrun(chunkBit, count, i, total);
            }

            var end = i + count;
            if ((head & 4) != 0)
            {
                // Pixel p holds alpha at value index 4p + 3: the pixels whose alpha lies in [i, end)
                // are exactly [i / 4, end / 4).
                var value = (byte)reader.Read(wordSize, "a repeated value");
                var first = (int)(i >> 2);
                var last = (int)(end >> 2);
                if (last > first)
                {
                    destination[first..last].Fill(value);
                }
            }
            else
            {
                for (var k = i; k < end; k++)
                {
                    var value = (byte)reader.Read(wordSize, "a literal value");
                    if ((k & 3) == 3)
                    {
                        destination[(int)(k >> 2)] = value;
                    }
                }
            }

            i = end;
        }
    }

    /// <summary>
    /// Encodes values exactly as the official <c>encode_rle</c> does (word size 8, run-length fields
    /// 3/4/8/16 bits): each maximal run of equal values becomes one repeat chunk (runs over 65 536 are
    /// split), a value that does not repeat becomes a one-value literal, and the stream is padded with
    /// 1 to 8 zero bits (a whole zero byte when it already ends on a byte boundary, as the official encoder does).
    /// </summary>
    /// <param name="values">The values (for Label Studio masks: RGBA bytes, H x W x 4).</param>
    /// <returns>The RLE bytes.</returns>
    /// <remarks>The official encoder fails on an empty input; this one writes a header declaring 0 values.</remarks>
    public static byte[] Encode(ReadOnlySpan<byte> values)
    {
        var writer = StartWriter(values.Length, values.Length / 8);
        var i = 0;
        while (i < values.Length)
        {
            var value = values[i];
            var runEnd = i + 1;
            while (runEnd < values.Length && values[runEnd] == value)
            {
                runEnd++;
            }

            WriteRun(ref writer, value, runEnd - i);
            i = runEnd;
        }

        return Finish(ref writer);
    }

    /// <summary>
    /// Encodes a single-channel mask as Label Studio stores brush masks, byte-exact with the official
    /// <c>mask2rle</c>: every pixel value repeated in the four RGBA channels, then <see cref="Encode"/>.
    /// </summary>
    /// <param name="mask">Pixels, row-major (255 = painted, 0 = background, for masks Label Studio shows).</param>
    /// <returns>The RLE bytes for <c>value.rle</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The mask has more than 536 870 911 pixels (the value count would not fit 32 bits).</exception>
    public static byte[] EncodeMask(ReadOnlySpan<byte> mask)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mask.Length, int.MaxValue / 4, nameof(mask));

        // Runs of the 4x repeated array are the mask's runs times 4: no expanded copy needed.
        var writer = StartWriter(mask.Length * 4, mask.Length / 4);
        var i = 0;
        while (i < mask.Length)
        {
            var value = mask[i];
            var offset = mask[(i + 1)..].IndexOfAnyExcept(value);
            var runEnd = offset < 0 ? mask.Length : i + 1 + offset;
            WriteRun(ref writer, value, (runEnd - i) * 4);
            i = runEnd;
        }

        return Finish(ref writer);
    }

    /// <summary>Encodes a mask as <see cref="EncodeMask(ReadOnlySpan{byte})"/> does.</summary>
    /// <param name="mask">The mask.</param>
    /// <returns>The RLE bytes for <c>value.rle</c>.</returns>
    public static byte[] EncodeMask(Mask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return EncodeMask(mask.Pixels);
    }

    /// <summary>
    /// Converts the RLE as it appears in JSON (a list of integers) to bytes, rejecting values outside 0..255.
    /// </summary>
    /// <param name="values">The integers of <c>value.rle</c>.</param>
    /// <returns>The RLE bytes.</returns>
    /// <exception cref="RleFormatException">A value is outside 0..255; the message names its index.</exception>
    public static byte[] FromIntegers(ReadOnlySpan<int> values)
    {
        var bytes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if ((uint)value > byte.MaxValue)
            {
                throw new RleFormatException($"Brush RLE item {i} is {value}; every item must be a byte (0..255).", i, (long)i * 8);
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    /// <summary>Converts RLE bytes to the list of integers Label Studio writes in JSON.</summary>
    /// <param name="rle">The RLE bytes.</param>
    /// <returns>One integer per byte.</returns>
    public static int[] ToIntegers(ReadOnlySpan<byte> rle)
    {
        var values = new int[rle.Length];
        for (var i = 0; i < rle.Length; i++)
        {
            values[i] = rle[i];
        }

        return values;
    }

    private static BitWriter StartWriter(int valueCount, int capacity)
    {
        var writer = new BitWriter(capacity);
        writer.Write((uint)valueCount, 32);
        writer.Write(8 - 1, 5);
        writer.Write(3 - 1, 4);
        writer.Write(4 - 1, 4);
        writer.Write(8 - 1, 4);
        writer.Write(16 - 1, 4);
        return writer;
    }

    private static void WriteRun(ref BitWriter writer, byte value, int length)
    {
        if (length == 1)
        {
            // Literal flag 0, field 0 (3 bits) holding count - 1 = 0, then the value.
            writer.Write(value, 1 + 2 + 3 + 8);
            return;
        }

        if (length <= 8)
        {
            writer.Write(0b100, 3);
            writer.Write((uint)(length - 1), 3);
        }
        else if (length <= 16)
        {
            writer.Write(0b101, 3);
            writer.Write((uint)(length - 1), 4);
        }
        else if (length <= 256)
        {
            writer.Write(0b110, 3);
            writer.Write((uint)(length - 1), 8);
        }
        else
        {
            while (length > 65536)
            {
                writer.Write(0b111, 3);
                writer.Write(65535, 16);
                writer.Write(value, 8);
                length -= 65536;
            }

            // The official encoder keeps the 16-bit field for the rest, however short.
            writer.Write(0b111, 3);
            writer.Write((uint)(length - 1), 16);
        }

        writer.Write(value, 8);
    }

    private static byte[] Finish(ref BitWriter writer)
    {
        // 8 - (bits % 8) zero bits: 1..8, so a stream already on a byte boundary gains a zero byte.
        var padding = 8 - (int)(writer.BitLength % 8);
        writer.Write(0, padding);
        return writer.ToArray();
    }

    private static int[] ReadHeader(ref BitReader reader, long expectedCount, out int wordSize)
    {
        var count = reader.Read(32, "the value count");
        if (count != expectedCount)
        {
            throw new RleFormatException(
                $"Brush RLE declares {count} values at byte 0, expected {expectedCount}"
                + (expectedCount % 4 == 0 ? $" ({expectedCount / 4} pixels x 4 RGBA channels)" : string.Empty)
                + ": the mask size (original_width x original_height) does not match.",
                0,
                0);
        }

        wordSize = (int)reader.Read(5, "the word size") + 1;
        if (wordSize > 8)
        {
            throw new RleFormatException(
                $"Brush RLE word size is {wordSize} bits at byte 4 (bit 32); masks hold 8-bit values (word size 1..8).", 4, 32);
        }

        var sizes = new int[4];
        for (var k = 0; k < 4; k++)
        {
            sizes[k] = (int)reader.Read(4, "the run-length field sizes") + 1;
        }

        return sizes;
    }

    private static void ThrowOverrun(long chunkBit, long count, long produced, long total) =>
        throw new RleFormatException(
            $"Brush RLE chunk at byte {chunkBit / 8} (bit {chunkBit}) runs {count} values from value {produced}, past the declared {total}.",
            chunkBit / 8,
            chunkBit);
}
