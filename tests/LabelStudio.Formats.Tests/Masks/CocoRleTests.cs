using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Tests.Masks;

public class CocoRleTests
{
    [Test]
    public void FromMask_SmallMask_CountsRunColumnMajorStartingWithBackground()
    {
        // 3 wide, 2 high:   0 1 1
        //                   0 0 1
        // Column-major: column 0 = 0,0; column 1 = 1,0; column 2 = 1,1 -> 0 0 1 0 1 1 -> runs 2, 1, 1, 2.
        var mask = new Mask(3, 2, [0, 1, 1, 0, 0, 1]);

        var rle = CocoRle.FromMask(mask);

        rle.Counts.ToArray().Should().Equal(2, 1, 1, 2);
        rle.Height.Should().Be(2);
        rle.Width.Should().Be(3);
        rle.Area.Should().Be(3);
    }

    [Test]
    public void FromMask_ForegroundFirstPixel_StartsWithZeroBackgroundRun()
    {
        var rle = CocoRle.FromMask(new Mask(2, 1, [255, 0]));

        rle.Counts.ToArray().Should().Equal(0, 1, 1);
    }

    [Test]
    public void ToCompressedString_SmallCounts_OneCharacterEachOffsetBy48()
    {
        // Counts 2, 1, 1, 2: the first three as they are, the fourth minus the second (2 - 1 = 1);
        // each fits 5 bits with no sign or continuation bit: chr(48 + n) -> "2111".
        var rle = new CocoRle(2, 3, [2, 1, 1, 2]);

        rle.ToCompressedString().Should().Be("2111");
    }

    [Test]
    public void ToCompressedString_CountAbove31_UsesContinuationGroups()
    {
        // 100 = 0b11_00100: low group 4 with continuation (4 | 0x20 = 36 -> 'T'), then 3 -> '3'.
        var rle = new CocoRle(10, 10, [100]);

        rle.ToCompressedString().Should().Be("T3");
    }

    [Test]
    public void ToCompressedString_NegativeDelta_UsesSignBit()
    {
        // Counts 0, 5, 10, 2: '0', '5', chr(58) = ':'; the fourth is 2 - 5 = -3 = ...11101: low group 29
        // has the sign bit (0x10) set and the rest is -1, so it ends there: chr(48 + 29) = 'M'.
        var rle = new CocoRle(17, 1, [0, 5, 10, 2]);

        rle.ToCompressedString().Should().Be("05:M");
    }

    [TestCase("2111", 2, 3, new[] { 2, 1, 1, 2 })]
    [TestCase("T3", 10, 10, new[] { 100 })]
    [TestCase("05:M", 17, 1, new[] { 0, 5, 10, 2 })]
    public void FromCompressedString_KnownStrings_GiveCounts(string counts, int height, int width, int[] expected)
    {
        CocoRle.FromCompressedString(counts, height, width).Counts.ToArray().Should().Equal(expected);
    }

    [Test]
    public void RoundTrip_RandomMasks_MaskAndStringSurvive()
    {
        var random = new Random(5);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var width = random.Next(1, 60);
            var height = random.Next(1, 60);
            var pixels = new byte[width * height];
            var density = random.NextDouble();
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = random.NextDouble() < density ? (byte)1 : (byte)0;
            }

            var rle = CocoRle.FromMask(new Mask(width, height, pixels));
            var parsed = CocoRle.FromCompressedString(rle.ToCompressedString(), height, width);

            parsed.Counts.ToArray().Should().Equal(rle.Counts.ToArray(), $"iteration {iteration}");
            parsed.ToMask(1).Pixels.ToArray().Should().Equal(pixels, $"iteration {iteration}");
            rle.Area.Should().Be(pixels.Count(p => p != 0));
        }
    }

    [Test]
    public void GetBoundingBox_RandomMasks_EqualsMinMaxOfForegroundPixels()
    {
        var random = new Random(9);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var width = random.Next(1, 30);
            var height = random.Next(1, 30);
            var mask = new Mask(width, height);
            var blobs = random.Next(0, 3);
            for (var b = 0; b < blobs; b++)
            {
                var x0 = random.Next(width);
                var y0 = random.Next(height);
                var x1 = random.Next(x0, width);
                var y1 = random.Next(y0, height);
                for (var y = y0; y <= y1; y++)
                {
                    for (var x = x0; x <= x1; x++)
                    {
                        mask[x, y] = 1;
                    }
                }
            }

            var xs = new List<int>();
            var ys = new List<int>();
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    if (mask[x, y] != 0)
                    {
                        xs.Add(x);
                        ys.Add(y);
                    }
                }
            }

            var box = CocoRle.FromMask(mask).GetBoundingBox();

            if (xs.Count == 0)
            {
                box.Should().Be(default(LabelStudio.Formats.Geometry.AxisAlignedBox));
            }
            else
            {
                box.Should().Be(new LabelStudio.Formats.Geometry.AxisAlignedBox(
                    xs.Min(), ys.Min(), xs.Max() - xs.Min() + 1, ys.Max() - ys.Min() + 1), $"iteration {iteration}");
            }
        }
    }

    [Test]
    public void FromCompressedString_CharacterOutOfRange_ThrowsWithIndex()
    {
        var act = () => CocoRle.FromCompressedString("21~1", 2, 3);

        var error = act.Should().Throw<RleFormatException>().Which;
        error.Position.Should().Be(2);
        error.Message.Should().Contain("'~' at character 2");
    }

    [Test]
    public void FromCompressedString_EndsInsideCount_ThrowsWithIndex()
    {
        // 'T' carries the continuation bit: a group must follow.
        var act = () => CocoRle.FromCompressedString("2T", 2, 3);

        act.Should().Throw<RleFormatException>().Which.Position.Should().Be(2);
    }

    [Test]
    public void FromCompressedString_CountsDoNotCoverMask_Throws()
    {
        var act = () => CocoRle.FromCompressedString("2111", 3, 3);

        act.Should().Throw<RleFormatException>().WithMessage("*add up to 6 pixels*needs 9*");
    }

    [Test]
    public void Constructor_NegativeCount_ThrowsNamingIndex()
    {
        var act = () => new CocoRle(1, 3, [4, -1]);

        act.Should().Throw<RleFormatException>().Which.Position.Should().Be(1);
    }

    [Test]
    public void FromCompressedString_RandomGarbage_ThrowsOnlyRleFormatException()
    {
        var random = new Random(13);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var chars = new char[random.Next(0, 20)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)random.Next(40, 120);
            }

            try
            {
                CocoRle.FromCompressedString(new string(chars), random.Next(1, 20), random.Next(1, 20));
            }
            catch (RleFormatException)
            {
            }
        }
    }
}
