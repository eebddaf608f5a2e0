using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Tests.Masks;

public class BrushRleTests
{
    // Header every official encoding starts with after the 32-bit count:
    // word size - 1 = 7 (5 bits), run-length field sizes - 1 = 2, 3, 7, 15 (4 bits each).
    private const string HeaderTail = "00111 0010 0011 0111 1111";

    private static IEnumerable<TestCaseData> Regions() => BrushFixture.Cases();

    [TestCaseSource(nameof(Regions))]
    public void DecodeMask_FixtureRegion_EqualsOfficialNumpyExportByteForByte(BrushRegion region)
    {
        var mask = BrushRle.DecodeMask(region.Rle, region.Width, region.Height);

        using var written = new MemoryStream();
        MaskNpy.Write(mask, written);
        var expected = File.ReadAllBytes(Path.Combine(BrushFixture.Folder, "expected", "BRUSH_TO_NUMPY", region.FileStem + ".npy"));
        written.ToArray().Should().Equal(expected);
    }

    [TestCaseSource(nameof(Regions))]
    public void DecodeMask_FixtureRegion_EqualsOfficialPngExportPixels(BrushRegion region)
    {
        var mask = BrushRle.DecodeMask(region.Rle, region.Width, region.Height);

        using var png = File.OpenRead(Path.Combine(BrushFixture.Folder, "expected", "BRUSH_TO_PNG", region.FileStem + ".png"));
        var expected = MaskPng.Read(png);
        expected.Width.Should().Be(region.Width);
        expected.Height.Should().Be(region.Height);
        mask.Pixels.ToArray().Should().Equal(expected.Pixels.ToArray());
    }

    [TestCaseSource(nameof(Regions))]
    public void DecodeMask_FixtureRegion_EqualsEveryFourthValueOfFullDecode(BrushRegion region)
    {
        var values = BrushRle.Decode(region.Rle);
        var mask = BrushRle.DecodeMask(region.Rle, region.Width, region.Height);

        values.Should().HaveCount(region.Width * region.Height * 4);
        var alpha = values.Where((_, i) => i % 4 == 3).ToArray();
        mask.Pixels.ToArray().Should().Equal(alpha);
    }

    [TestCaseSource(nameof(Regions))]
    public void Encode_FixtureRegionValues_DecodesToSameValues(BrushRegion region)
    {
        var values = BrushRle.Decode(region.Rle);

        BrushRle.Decode(BrushRle.Encode(values)).Should().Equal(values);
    }

    [Test]
    public void Encode_SingleValue_IsOneLiteralChunkPaddedToByte()
    {
        // 32-bit count 1, header, literal chunk: flag 0, field 00, count - 1 = 000 (3 bits), value 5 (8 bits).
        // 32 + 21 + 14 = 67 bits, padded with 8 - 67 % 8 = 5 zero bits.
        var expected = BrushFixture.Bits(
            "00000000 00000000 00000000 00000001" + HeaderTail + "0 00 000 00000101" + "00000");

        BrushRle.Encode([5]).Should().Equal(expected);
    }

    [TestCase(2, "1 00 001")]
    [TestCase(8, "1 00 111")]
    [TestCase(9, "1 01 1000")]
    [TestCase(16, "1 01 1111")]
    [TestCase(17, "1 10 00010000")]
    [TestCase(256, "1 10 11111111")]
    [TestCase(257, "1 11 0000000100000000")]
    public void Encode_RunOfLength_UsesSmallestFieldOfficialEncoderPicks(int length, string chunkHead)
    {
        // One repeat chunk: flag 1, the field index, count - 1 in that field, then the value (9 = 00001001).
        var values = Enumerable.Repeat((byte)9, length).ToArray();
        var bits = Convert.ToString(length, 2).PadLeft(32, '0') + HeaderTail + chunkHead + "00001001";
        var significant = bits.Count(c => c is '0' or '1');
        bits += new string('0', 8 - (significant % 8));

        BrushRle.Encode(values).Should().Equal(BrushFixture.Bits(bits));
    }

    [Test]
    public void Encode_RunLongerThan65536_SplitsIntoFullChunksThenRestWith16BitField()
    {
        // 65 536 + 65 536 + 3: two chunks holding 65 535 (count - 1) and one holding 2, all in the 16-bit field.
        var values = new byte[(2 * 65536) + 3];
        var bits = Convert.ToString(values.Length, 2).PadLeft(32, '0') + HeaderTail
            + "1 11 1111111111111111 00000000"
            + "1 11 1111111111111111 00000000"
            + "1 11 0000000000000010 00000000";

        // 53 + 3 x 27 = 134 bits -> 2 zero bits of padding.
        BrushRle.Encode(values).Should().Equal(BrushFixture.Bits(bits + "00"));
    }

    [Test]
    public void Encode_StreamEndingOnByteBoundary_AddsWholeZeroByteLikeOfficialEncoder()
    {
        // 9 x 7, then 1, then 2: 53 + 15 + 14 + 14 = 96 bits, a multiple of 8; the official encoder pads
        // 8 - 96 % 8 = 8 zero bits anyway.
        byte[] values = [7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 2];
        var bits = "00000000 00000000 00000000 00001011" + HeaderTail
            + "1 01 1000 00000111" + "0 00 000 00000001" + "0 00 000 00000010" + "00000000";

        var encoded = BrushRle.Encode(values);

        encoded.Should().Equal(BrushFixture.Bits(bits));
        encoded.Should().HaveCount(13);
    }

    [Test]
    public void EncodeMask_Pixels_EqualsEncodingOfEachPixelRepeatedFourTimes()
    {
        // mask2rle repeats each pixel into 4 RGBA channels before encoding.
        var random = new Random(42);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var mask = RandomMask(random, random.Next(1, 40), random.Next(1, 40));
            var repeated = mask.SelectMany(p => new[] { p, p, p, p }).ToArray();

            BrushRle.EncodeMask(mask).Should().Equal(BrushRle.Encode(repeated), $"iteration {iteration}");
        }
    }

    [Test]
    public void EncodeMask_RandomMasks_DecodeMaskRoundTrips()
    {
        var random = new Random(7);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var width = random.Next(1, 80);
            var height = random.Next(1, 80);
            var pixels = RandomMask(random, width, height);

            var decoded = BrushRle.DecodeMask(BrushRle.EncodeMask(pixels), width, height);

            decoded.Pixels.ToArray().Should().Equal(pixels, $"iteration {iteration} ({width}x{height})");
        }
    }

    [Test]
    public void Encode_RandomValues_DecodeRoundTrips()
    {
        var random = new Random(11);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var values = new byte[random.Next(1, 5000)];
            var i = 0;
            while (i < values.Length)
            {
                // Mix long runs (up to past 65 536 now and then) and noise.
                var run = random.Next(10) == 0 ? random.Next(1, 70000) : random.Next(1, 5);
                values.AsSpan(i, Math.Min(run, values.Length - i)).Fill((byte)random.Next(256));
                i += run;
            }

            BrushRle.Decode(BrushRle.Encode(values)).Should().Equal(values, $"iteration {iteration}");
        }
    }

    [Test]
    public void Decode_LiteralChunkOfSeveralValues_ReadsEachWord()
    {
        // The official encoder never writes multi-value literals, but the editor's encoder does:
        // count 3, header, literal flag 0, field 00, count - 1 = 010, then 1, 2, 3: 32 + 21 + 6 + 24 = 83 bits,
        // 5 bits of padding.
        var rle = BrushFixture.Bits(
            "00000000 00000000 00000000 00000011" + HeaderTail + "0 00 010 00000001 00000010 00000011" + "00000");

        BrushRle.Decode(rle).Should().Equal(1, 2, 3);
    }

    [Test]
    public void Decode_TruncatedFixtureRle_ThrowsWithBytePosition()
    {
        var rle = BrushFixture.Regions[0].Rle;
        var truncated = rle.AsSpan(0, rle.Length / 2).ToArray();

        var act = () => BrushRle.DecodeMask(truncated, BrushFixture.Regions[0].Width, BrushFixture.Regions[0].Height);

        var error = act.Should().Throw<RleFormatException>().Which;
        error.Message.Should().Contain("ends inside");
        error.Position.Should().BeInRange(truncated.Length - 8, truncated.Length);
        error.BitOffset.Should().NotBeNull();
    }

    [Test]
    public void Decode_Empty_ThrowsAtByteZero()
    {
        var act = () => BrushRle.Decode(ReadOnlySpan<byte>.Empty);

        act.Should().Throw<RleFormatException>().Which.Position.Should().Be(0);
    }

    [Test]
    public void DecodeMask_SizeDisagreesWithValueCount_ThrowsNamingBoth()
    {
        var region = BrushFixture.Regions.First(r => r.Width == 32);

        var act = () => BrushRle.DecodeMask(region.Rle, 24, 32 + 1);

        act.Should().Throw<RleFormatException>()
            .WithMessage("*declares 3072 values*expected 3168*");
    }

    [Test]
    public void Decode_RunPastDeclaredCount_ThrowsAtChunk()
    {
        // Count 4 but a repeat chunk of 8 (count - 1 = 111): the chunk starts at bit 53 = byte 6.
        // 32 + 21 + 14 = 67 bits, 5 bits of padding.
        var rle = BrushFixture.Bits(
            "00000000 00000000 00000000 00000100" + HeaderTail + "1 00 111 00000001" + "00000");

        var act = () => BrushRle.Decode(rle);

        var error = act.Should().Throw<RleFormatException>().Which;
        error.BitOffset.Should().Be(53);
        error.Position.Should().Be(6);
        error.Message.Should().Contain("past the declared 4");
    }

    [Test]
    public void Decode_WordSizeAbove8_ThrowsAtBit32()
    {
        // Word size - 1 = 15 (16-bit words).
        var rle = BrushFixture.Bits("00000000 00000000 00000000 00000001" + "01111 0010 0011 0111 1111" + "000");

        var act = () => BrushRle.Decode(rle);

        act.Should().Throw<RleFormatException>().Which.BitOffset.Should().Be(32);
    }

    [Test]
    public void Decode_HugeDeclaredCount_ThrowsBeforeAllocating()
    {
        // 0xFFFFFFFF values declared by a 7-byte input.
        byte[] rle = [0xFF, 0xFF, 0xFF, 0xFF, 0x39, 0x1B, 0xF8];

        var act = () => BrushRle.Decode(rle);

        act.Should().Throw<RleFormatException>().WithMessage("*4294967295 values*");
    }

    [Test]
    public void Decode_RandomGarbage_ThrowsOnlyRleFormatException()
    {
        var random = new Random(3);
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var rle = new byte[random.Next(0, 64)];
            random.NextBytes(rle);
            if (rle.Length >= 4 && iteration % 2 == 0)
            {
                // Keep the count small so the body gets parsed too.
                rle[0] = rle[1] = rle[2] = 0;
            }

            try
            {
                BrushRle.Decode(rle, 1 << 16);
            }
            catch (RleFormatException)
            {
            }
        }
    }

    [Test]
    public void FromIntegers_ValueAbove255_ThrowsNamingIndex()
    {
        var act = () => BrushRle.FromIntegers([0, 12, 256]);

        var error = act.Should().Throw<RleFormatException>().Which;
        error.Position.Should().Be(2);
        error.Message.Should().Contain("item 2 is 256");
    }

    [Test]
    public void ToIntegers_FromIntegers_RoundTrips()
    {
        var rle = BrushFixture.Regions[^1].Rle;

        BrushRle.FromIntegers(BrushRle.ToIntegers(rle)).Should().Equal(rle);
    }

    [Test]
    public void ReadValueCount_FixtureRegion_IsWidthTimesHeightTimesFour()
    {
        var region = BrushFixture.Regions[0];

        BrushRle.ReadValueCount(region.Rle).Should().Be(640L * 427 * 4);
    }

    private static byte[] RandomMask(Random random, int width, int height)
    {
        var pixels = new byte[width * height];
        var i = 0;
        while (i < pixels.Length)
        {
            var run = random.Next(1, 3 * width);
            var value = random.Next(4) switch { 0 => (byte)random.Next(256), 1 => (byte)255, _ => (byte)0 };
            pixels.AsSpan(i, Math.Min(run, pixels.Length - i)).Fill(value);
            i += run;
        }

        return pixels;
    }
}
