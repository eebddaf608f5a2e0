using System.Globalization;
using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

// The fast path (a double nearest to a decimal of at most 15 digits prints as that decimal) against Schubfach alone,
// on a few million doubles. Where the fast path answers it must give Schubfach's significand and exponent; where the
// double came from a decimal of at most 15 digits inside its range it must answer, with that decimal.
public sealed partial class ShortestDoubleTests
{
    private const int FastPathCount = 1_000_000;

    [Test]
    public void TryFastDecimal_DecimalsOfUpTo15Digits_HitWithThatDecimal()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < FastPathCount; i++)
        {
            var digitCount = (i % 15) + 1;
            var digits = random.NextInt64((long)Math.Pow(10, digitCount - 1), (long)Math.Pow(10, digitCount));
            // Values from 1e-8 to just below 1e15, where the path applies (a power of ten needs k <= 22).
            var firstDigitExponent = random.Next(-8, 15);
            var exponent = firstDigitExponent - digitCount + 1;
            var value = double.Parse(string.Create(CultureInfo.InvariantCulture, $"{digits}e{exponent}"), CultureInfo.InvariantCulture);

            // The decimal without trailing zeros is what the path must return.
            var expected = (ulong)digits;
            var expectedExponent = exponent;
            while (expected % 10 == 0)
            {
                expected /= 10;
                expectedExponent++;
            }

            if (!ShortestDouble.TryFastDecimal(value, out var significand, out var e10))
            {
                Record(failures, $"{digits}e{exponent}: no hit");
            }
            else if (significand != expected || e10 != expectedExponent)
            {
                Record(failures, $"{digits}e{exponent}: {significand}e{e10}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void TryFastDecimal_DecimalsOf16And17Digits_MatchSchubfach()
    {
        var random = new Random(Seed);
        AssertFastPathAgrees(Enumerable.Range(0, FastPathCount).Select(i =>
        {
            var digitCount = 16 + (i % 2);
            var digits = random.NextInt64((long)Math.Pow(10, digitCount - 1), (long)Math.Pow(10, digitCount));
            var exponent = random.Next(-8, 15) - digitCount + 1;
            return double.Parse(string.Create(CultureInfo.InvariantCulture, $"{digits}e{exponent}"), CultureInfo.InvariantCulture);
        }));
    }

    [Test]
    public void TryFastDecimal_RandomBitPatterns_MatchSchubfach()
    {
        var random = new Random(Seed);

        // Half over every finite double, half with binary exponents around the path's range (2^-30 to 2^52).
        AssertFastPathAgrees(Enumerable.Range(0, FastPathCount).Select(i =>
        {
            if (i % 2 == 0)
            {
                return Math.Abs(BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0_0000_0000_0000)));
            }

            var biased = random.Next(1023 - 30, 1023 + 53);
            return BitConverter.Int64BitsToDouble(((long)biased << 52) | random.NextInt64(0, 1L << 52));
        }));
    }

    [Test]
    public void TryFastDecimal_ExporterCoordinates_MatchSchubfach()
    {
        // What COCO writes: 12-decimal percentages of an image size, box sizes and areas.
        var random = new Random(Seed);
        AssertFastPathAgrees(Enumerable.Range(0, FastPathCount / 2).SelectMany(i =>
        {
            var percentage = Math.Round(random.NextDouble() * 100, 12);
            var size = Math.Round(random.NextDouble() * 100, 12);
            var width = Widths[i % Widths.Length];
            var height = Widths[(i / Widths.Length) % Widths.Length];
            var w = size * width / 100;
            var h = size * height / 100;
            return new[] { percentage * width / 100, w, w * h, percentage / 100 * width };
        }));
    }

    [Test]
    public void TryFastDecimal_Boundaries_MatchSchubfach()
    {
        var values = new List<double>();
        foreach (var power in Enumerable.Range(-12, 30))
        {
            // Powers of ten and their halves, where floor(log10) and the 15-digit scale change, with 8 ulps either side.
            foreach (var center in new[] { Math.Pow(10, power), 5 * Math.Pow(10, power), 9.99999999999999 * Math.Pow(10, power) })
            {
                values.AddRange(Walk(center, 8));
            }
        }

        // Powers of two (their lower gap is half the upper one), the largest 15-digit decimals, around 2^53.
        values.AddRange(Enumerable.Range(-40, 100).SelectMany(e => Walk(Math.ScaleB(1.0, e), 4)));
        values.AddRange(Walk(999_999_999_999_999, 8));
        values.AddRange(Walk(999_999_999_999_999e-23, 8));
        values.AddRange(Walk(9_007_199_254_740_992, 8));
        AssertFastPathAgrees(values);
    }

    [Test]
    public void TryFastDecimal_SubnormalsZeroNegativeAndNonFinite_DoNotApply()
    {
        var values = new[] { double.Epsilon, BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), 0.0, -0.0, -1.5, double.NaN, double.PositiveInfinity };
        foreach (var value in values)
        {
            ShortestDouble.TryFastDecimal(value, out _, out _).Should().BeFalse(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void TryFormat_DecimalsOfUpTo15Digits_MatchDotNetAndPythonLayouts()
    {
        // The fast path's answers through both layouts: .NET's "R" text and Python's repr built from it.
        var random = new Random(Seed + 1);
        var values = new List<double>();
        for (var i = 0; i < 200_000; i++)
        {
            var digitCount = (i % 15) + 1;
            var digits = random.NextInt64((long)Math.Pow(10, digitCount - 1), (long)Math.Pow(10, digitCount));
            var exponent = random.Next(-8, 15) - digitCount + 1;
            values.Add(double.Parse(string.Create(CultureInfo.InvariantCulture, $"{digits}e{exponent}"), CultureInfo.InvariantCulture));
        }

        AssertAllMatch(values);
        var buffer = new byte[ShortestDouble.MaxLength];
        var failures = new List<string>();
        foreach (var value in values)
        {
            ShortestDouble.TryFormatPython(value, buffer, out var written).Should().BeTrue();
            var ours = Encoding.ASCII.GetString(buffer, 0, written);
            var expected = PythonReference(value);
            if (ours != expected)
            {
                Record(failures, $"{expected} written as {ours}");
            }
        }

        failures.Should().BeEmpty();
    }

    private static IEnumerable<double> Walk(double center, int steps)
    {
        var down = center;
        var up = center;
        yield return center;
        for (var i = 0; i < steps; i++)
        {
            down = Math.BitDecrement(down);
            up = Math.BitIncrement(up);
            yield return down;
            yield return up;
        }
    }

    private static void AssertFastPathAgrees(IEnumerable<double> values)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                continue;
            }

            count++;
            if (ShortestDouble.TryFastDecimal(value, out var significand, out var exponent))
            {
                var expected = ShortestDouble.SchubfachDecimal(value, out var expectedExponent);
                if (significand != expected || exponent != expectedExponent)
                {
                    Record(failures, string.Create(CultureInfo.InvariantCulture, $"{value:R}: fast {significand}e{exponent}, Schubfach {expected}e{expectedExponent}"));
                }
            }
        }

        count.Should().BePositive();
        failures.Should().BeEmpty();
    }

    private static void Record(List<string> failures, string failure)
    {
        if (failures.Count < 10)
        {
            failures.Add(failure);
        }
    }
}
