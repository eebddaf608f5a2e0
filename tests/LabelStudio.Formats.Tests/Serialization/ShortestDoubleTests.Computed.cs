using System.Globalization;
using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

// The numbers COCO and YOLO exports compute (pixel values from percentages, areas, normalised centres: mostly 16-17
// significant digits) against ShortestDoubleOracle, the formatter before the block digit writer and the constant
// table, in both layouts, and parsed back. Plus the 8-digit block conversion and the integer writer on their own.
public sealed partial class ShortestDoubleTests
{
    private const int ComputedCount = 3_000_000;

    [Test]
    public void TryFormat_CocoAndYoloComputedValues_MatchTheOracleAndParseBack()
    {
        var random = new Random(Seed);
        var sizes = new[] { 1920, 1080, 1280, 720, 640, 480, 4000, 3000, 1024, 768, 333, 7, 1, 65535 };
        var values = new double[ComputedCount];
        for (var i = 0; i < ComputedCount; i += 6)
        {
            // Percentages as Label Studio stores them (12 decimals) and unrounded, times image sizes, as the COCO
            // writer scales them (x * width / 100 and x / 100 * width), the area, and YOLO's centre and size.
            var width = sizes[random.Next(sizes.Length)];
            var height = sizes[random.Next(sizes.Length)];
            var x = random.Next(4) == 0 ? random.NextDouble() * 100 : Math.Round(random.NextDouble() * 100, 12);
            var w = Math.Round(random.NextDouble() * (100 - x), random.Next(4, 14));
            var pixelWidth = w * width / 100;
            values[i] = x * width / 100;
            values[i + 1] = x / 100 * height;
            values[i + 2] = pixelWidth;
            values[i + 3] = pixelWidth * (w * height / 100);
            values[i + 4] = (x + (w / 2)) / 100;
            values[i + 5] = i % 12 == 0 ? w / 100 : -values[i + random.Next(5)];
        }

        AssertMatchesOracle(values);
    }

    [Test]
    public void TryFormat_ValuesAroundLayoutAndPathEdges_MatchTheOracleAndParseBack()
    {
        // Each power of ten from 1e-330 to 1e310 (the layouts switch at 1e-5/1e-4 and 1e16/1e17, the fast path ends
        // near 1e-8 and 1e15) with its neighbours and random 16-17-digit values of the same decade.
        var random = new Random(Seed);
        var values = new List<double>();
        for (var e = -330; e <= 310; e++)
        {
            var power = double.Parse(string.Create(CultureInfo.InvariantCulture, $"1e{e}"), CultureInfo.InvariantCulture);
            if (power == 0 || !double.IsFinite(power))
            {
                continue;
            }

            values.AddRange([Math.BitDecrement(power), power, Math.BitIncrement(power)]);
            for (var i = 0; i < 200; i++)
            {
                var scaled = power * (1 + (random.NextDouble() * 9));
                if (double.IsFinite(scaled))
                {
                    values.Add(scaled);
                }
            }
        }

        AssertMatchesOracle([.. values.Where(value => value != 0)]);
    }

    [Test]
    public void EightDigits_Values_AreTheirDigitsWithLeadingZeros()
    {
        // Every value below 10^5 (all lane carries of the low half), the 4-digit boundaries of the high half, and random ones.
        var random = new Random(Seed);
        var values = Enumerable.Range(0, 100_000).Select(i => (uint)i)
            .Concat(Enumerable.Range(0, 10_000).SelectMany(i => new[] { (uint)i * 10_000, ((uint)i * 10_000) + 9_999 }))
            .Concat(Enumerable.Range(0, 1_000_000).Select(_ => (uint)random.Next(100_000_000)));
        var bytes = new byte[8];
        var failures = new List<string>();
        foreach (var value in values)
        {
            var digits = ShortestDouble.EightDigits(value);
            if (!BitConverter.IsLittleEndian)
            {
                digits = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(digits);
            }

            BitConverter.TryWriteBytes(bytes, digits);
            var expected = value.ToString("D8", CultureInfo.InvariantCulture);
            if (Encoding.ASCII.GetString(bytes) != expected)
            {
                Record(failures, $"{expected}: {Encoding.ASCII.GetString(bytes)}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void WriteInteger_EveryDigitCount_WritesTheDecimalDigits()
    {
        var random = new Random(Seed);
        var buffer = new byte[24];
        var failures = new List<string>();
        for (var digitCount = 1; digitCount <= 17; digitCount++)
        {
            var low = digitCount == 1 ? 0 : (long)Math.Pow(10, digitCount - 1);
            var high = (long)Math.Pow(10, digitCount);
            foreach (var value in new[] { low, high - 1, low + 1 }.Concat(Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(low, high))))
            {
                var count = ShortestDouble.WriteInteger((ulong)value, buffer);
                var expected = value.ToString(CultureInfo.InvariantCulture);
                if (Encoding.ASCII.GetString(buffer, 0, count) != expected)
                {
                    Record(failures, $"{expected}: {Encoding.ASCII.GetString(buffer, 0, count)}");
                }
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void WriteInteger_DestinationShorterThanEightBytes_Throws()
    {
        // The block writer stores 8 bytes at a time; a shorter destination is refused, not overrun.
        var act = () => ShortestDouble.WriteInteger(5, new byte[7]);
        act.Should().Throw<ArgumentException>();
        ShortestDouble.WriteInteger(5, new byte[8]).Should().Be(1);
    }

    private static void AssertMatchesOracle(double[] values)
    {
        var ours = new byte[ShortestDouble.MaxLength];
        var oracle = new byte[ShortestDouble.MaxLength];
        var failures = new List<string>();
        foreach (var value in values)
        {
            ShortestDouble.TryFormatPython(value, ours, out var written);
            ShortestDoubleOracle.TryFormatPython(value, oracle, out var oracleWritten);
            if (!ours.AsSpan(0, written).SequenceEqual(oracle.AsSpan(0, oracleWritten)))
            {
                Record(failures, $"{R(value)}: Python layout {Encoding.ASCII.GetString(ours, 0, written)}, oracle {Encoding.ASCII.GetString(oracle, 0, oracleWritten)}");
                continue;
            }

            if (BitConverter.DoubleToInt64Bits(double.Parse(ours.AsSpan(0, written), CultureInfo.InvariantCulture)) != BitConverter.DoubleToInt64Bits(value))
            {
                Record(failures, $"{R(value)}: {Encoding.ASCII.GetString(ours, 0, written)} does not parse back");
            }

            ShortestDouble.TryFormatRoundTrip(value, ours, out written);
            ShortestDoubleOracle.TryFormatRoundTrip(value, oracle, out oracleWritten);
            if (!ours.AsSpan(0, written).SequenceEqual(oracle.AsSpan(0, oracleWritten)))
            {
                Record(failures, $"{R(value)}: .NET layout {Encoding.ASCII.GetString(ours, 0, written)}, oracle {Encoding.ASCII.GetString(oracle, 0, oracleWritten)}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
