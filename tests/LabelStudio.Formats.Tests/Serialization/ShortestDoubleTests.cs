using System.Globalization;
using System.Numerics;
using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

// Differential tests: the reference for every double is .NET's own double.ToString("R", InvariantCulture) (shortest
// round-trip digits, closest to the exact value) and double.Parse must give the same bits back. Values are checked in
// bulk and the first failures reported together, so a few hundred thousand cases stay within a few seconds.
public sealed partial class ShortestDoubleTests
{
    private const int Seed = 20261128;

    private static readonly int[] Widths = [1920, 1080, 1280, 720, 640, 480, 4000, 3000, 1024, 768, 333, 1];

    // .NET's "R" text for 2^-25 and 2^-958 (2.980232238769531E-08, 4.104536801298376E-289) parses back to another
    // double: its shortest search treats the gap below a power of two as wide as the gap above, though it is half as
    // wide. Powers of two are the only doubles with that uneven gap, and these two are the only ones .NET gets wrong.
    private static readonly double[] DotNetRoundTripFailures = [Math.ScaleB(1.0, -25), Math.ScaleB(1.0, -958)];

    [Test]
    public void TryFormatRoundTrip_PowersOfTwo_MatchDotNet() =>
        AssertAllMatch(Enumerable.Range(-1074, 1074 + 1024).Select(e => Math.ScaleB(1.0, e)).SelectMany(Neighbours)
            .Where(value => !DotNetRoundTripFailures.Contains(value)));

    // Expected: CPython's repr (2.9802322387695312e-08, 4.1045368012983762e-289) in .NET's layout; both parse back.
    [TestCase(-25, "2.9802322387695312E-08", "2.9802322387695312e-08")]
    [TestCase(-958, "4.1045368012983762E-289", "4.1045368012983762e-289")]
    public void TryFormat_PowersOfTwoDotNetGetsWrong_RoundTripAsPythonDoes(int power, string roundTrip, string python)
    {
        var value = Math.ScaleB(1.0, power);
        Text(value).Should().Be(roundTrip);
        double.Parse(roundTrip, CultureInfo.InvariantCulture).Should().Be(value);
        var buffer = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormatPython(value, buffer, out var written).Should().BeTrue();
        Encoding.ASCII.GetString(buffer, 0, written).Should().Be(python);
    }

    [Test]
    public void TryFormatRoundTrip_PowersOfTen_MatchDotNet() =>
        AssertAllMatch(Enumerable.Range(-323, 323 + 309)
            .Select(e => double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            .SelectMany(Neighbours));

    [Test]
    public void TryFormatRoundTrip_Subnormals_MatchDotNet()
    {
        var random = new Random(Seed);
        var smallestNormal = BitConverter.UInt64BitsToDouble(1UL << 52);
        var values = new List<double> { double.Epsilon, Math.BitDecrement(smallestNormal), smallestNormal, Math.BitIncrement(smallestNormal) };

        // Every subnormal with a small significand, where the scaled interval holds only a few decimals, then random ones.
        for (var bits = 1UL; bits <= 20_000; bits++)
        {
            values.Add(BitConverter.UInt64BitsToDouble(bits));
        }

        for (var i = 0; i < 20_000; i++)
        {
            values.Add(BitConverter.UInt64BitsToDouble((ulong)random.NextInt64(1, 1L << 52)));
        }

        AssertAllMatch(values);
    }

    [Test]
    public void TryFormatRoundTrip_Extremes_MatchDotNet() =>
        AssertAllMatch([double.MaxValue, Math.BitDecrement(double.MaxValue), double.MinValue, double.Epsilon, -double.Epsilon, 1.0, -1.0]);

    [Test]
    public void TryFormatRoundTrip_Integers_MatchDotNet()
    {
        var random = new Random(Seed);
        var values = new List<double>();
        for (var i = 0; i <= 100_000; i++)
        {
            values.Add(i);
        }

        // Around 2^53, where the spacing grows from 1 to 2, and random integers below and above it.
        for (var i = -2000L; i <= 2000; i++)
        {
            values.Add((1L << 53) + i);
        }

        for (var i = 0; i < 20_000; i++)
        {
            values.Add(random.NextInt64(0, 1L << 53));
            values.Add(random.NextInt64(1L << 53, long.MaxValue));
        }

        AssertAllMatch(values);
    }

    [Test]
    public void TryFormatRoundTrip_RandomBitPatterns_MatchDotNet()
    {
        var random = new Random(Seed);
        var values = new List<double>(300_000);
        while (values.Count < 300_000)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        AssertAllMatch(values);
    }

    [Test]
    public void TryFormatRoundTrip_RandomDecimalsOfOneTo17Digits_MatchDotNet()
    {
        var random = new Random(Seed);
        var values = new List<double>();
        for (var i = 0; i < 100_000; i++)
        {
            var digitCount = (i % 17) + 1;
            var digits = random.NextInt64((long)Math.Pow(10, digitCount - 1), (long)Math.Pow(10, digitCount));
            var exponent = random.Next(-330, 300);
            values.Add(double.Parse(
                string.Create(CultureInfo.InvariantCulture, $"{digits}e{exponent}"), CultureInfo.InvariantCulture));
        }

        AssertAllMatch(values.Where(value => value != 0 && double.IsFinite(value)));
    }

    [Test]
    public void TryFormatRoundTrip_ExporterCoordinates_MatchDotNet()
    {
        // What the converters compute: a 12-digit percentage of the image size (x * width / 100), box areas, and
        // the YOLO-style normalisation back to a fraction.
        var random = new Random(Seed);
        var values = new List<double>();
        for (var i = 0; i < 100_000; i++)
        {
            var percentage = Math.Round(random.NextDouble() * 100, 12);
            var size = Math.Round(random.NextDouble() * 100, 12);
            var width = Widths[i % Widths.Length];
            var height = Widths[(i / Widths.Length) % Widths.Length];
            var x = percentage * width / 100;
            var w = size * width / 100;
            var h = size * height / 100;
            values.Add(x);
            values.Add(w * h);
            values.Add((x + (w / 2)) / width);
        }

        AssertAllMatch(values.Where(value => value != 0));
    }

    [Test]
    public void TryFormatRoundTrip_TiesBetweenTwoShortest_TakeTheEvenDigit()
    {
        // Between 2^50 and 2^51 doubles are spaced 1/4 apart, so the rounding interval of n + 1/4 is n + 1/4 +- 1/8:
        // no integer fits, one-decimal numbers do, and n.2 and n.3 are both 0.05 away: the tie goes to the even digit,
        // as in .NET and CPython (n + 3/4 likewise gives n.8).
        ShortestDouble.TryFormatRoundTrip(1125899906842624.25, new byte[32], out var written).Should().BeTrue();
        Text(1125899906842624.25).Should().Be("1125899906842624.2");
        Text(1125899906842624.75).Should().Be("1125899906842624.8");
        Text(1125899906842625.25).Should().Be("1125899906842625.2");
        written.Should().Be(18);

        var random = new Random(Seed);
        AssertAllMatch(Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(1L << 50, 1L << 51) + 0.25 + (random.Next(2) * 0.5)));
    }

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    [TestCase(0.0, "0")]
    [TestCase(-0.0, "-0")]
    [TestCase(1e16, "10000000000000000")]
    [TestCase(1e17, "1E+17")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1e-05, "1E-05")]
    [TestCase(-1.5e-07, "-1.5E-07")]
    [TestCase(5e-324, "5E-324")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157E+308")]
    [TestCase(12345678901234568.0, "12345678901234568")]
    [TestCase(0.1, "0.1")]
    [TestCase(100.0, "100")]
    public void TryFormatRoundTrip_Value_WritesDotNetsText(double value, string expected)
    {
        // The expectations are .NET's documented/observed "R" output; the comparison with ToString guards them too.
        value.ToString("R", CultureInfo.InvariantCulture).Should().Be(expected);
        Text(value).Should().Be(expected);
    }

    // Expected strings are what CPython's repr() prints for these doubles (the same table as PythonFloatTests).
    [TestCase(0.25, "0.25")]
    [TestCase(1.0, "1.0")]
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1e-05, "1e-05")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1.5e-07, "1.5e-07")]
    [TestCase(1e16, "1e+16")]
    [TestCase(123456789012345.0, "123456789012345.0")]
    [TestCase(1234567890123456.0, "1234567890123456.0")]
    [TestCase(-0.015, "-0.015")]
    [TestCase(0.05999999999999999, "0.05999999999999999")]
    [TestCase(0.6866025403784439, "0.6866025403784439")]
    [TestCase(500.00000000000006, "500.00000000000006")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    // Python switches to an exponent at 1e16 (one place before .NET's "R"), keeps 1e-4 positional, pads the
    // exponent to two digits and keeps three when needed.
    [TestCase(12345678901234568.0, "1.2345678901234568e+16")]
    [TestCase(9999999999999998.0, "9999999999999998.0")]
    [TestCase(0.00012, "0.00012")]
    [TestCase(1e100, "1e+100")]
    [TestCase(-2.5e-300, "-2.5e-300")]
    [TestCase(1920.0, "1920.0")]
    [TestCase(double.NaN, "nan")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    public void TryFormatPython_Value_PrintsAsPythonRepr(double value, string expected)
    {
        var buffer = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormatPython(value, buffer, out var written).Should().BeTrue();
        Encoding.ASCII.GetString(buffer, 0, written).Should().Be(expected);
    }

    [Test]
    public void TryFormatPython_RandomValues_MatchDotNetDigitsInPythonLayout()
    {
        // The reference takes .NET's "R" digits and lays them out as repr does (PythonReference below: independent of
        // ShortestDouble, which PythonFloat now delegates to); with the digits proven equal above, both must agree.
        var random = new Random(Seed);
        var buffer = new byte[ShortestDouble.MaxLength];
        var failures = new List<string>();
        for (var i = 0; i < 50_000; i++)
        {
            var value = i % 2 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))
                : Math.Round(random.NextDouble() * 100, 12) * Widths[i % Widths.Length] / 100 * Math.Pow(10, random.Next(-8, 20));
            ShortestDouble.TryFormatPython(value, buffer, out var written).Should().BeTrue();
            var ours = Encoding.ASCII.GetString(buffer, 0, written);
            var expected = PythonReference(value);
            if ((ours != expected || (double.IsFinite(value) && double.Parse(ours, CultureInfo.InvariantCulture) != value)) && failures.Count < 10)
            {
                failures.Add($"{expected} written as {ours}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void TryFormat_Chars_MatchTheUtf8Text()
    {
        // The char overloads widen the same ASCII text: compared with .NET's "R" string and its Python layout.
        var random = new Random(Seed);
        var chars = new char[ShortestDouble.MaxLength];
        var failures = new List<string>();
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, double.MaxValue];
        var values = specials.Concat(Enumerable.Range(0, 20_000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))));
        foreach (var value in values)
        {
            ShortestDouble.TryFormatRoundTrip(value, chars.AsSpan(), out var written).Should().BeTrue();
            var roundTrip = new string(chars, 0, written);
            ShortestDouble.TryFormatPython(value, chars.AsSpan(), out written).Should().BeTrue();
            var python = new string(chars, 0, written);
            if ((roundTrip != value.ToString("R", CultureInfo.InvariantCulture) || python != PythonReference(value)) && failures.Count < 10)
            {
                failures.Add($"{value:R}: {roundTrip} / {python}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void TryFormat_CharDestinationTooShort_ReturnsFalseAndWritesNothing()
    {
        // "-1.5E-07" is 8 chars, "-1.5e-07" too.
        var buffer = Enumerable.Repeat('#', 12).ToArray();
        ShortestDouble.TryFormatRoundTrip(-1.5e-07, buffer.AsSpan(0, 7), out var written).Should().BeFalse();
        written.Should().Be(0);
        ShortestDouble.TryFormatPython(-1.5e-07, buffer.AsSpan(0, 7), out written).Should().BeFalse();
        written.Should().Be(0);
        new string(buffer).Should().Be("############");
        ShortestDouble.TryFormatPython(-1.5e-07, buffer.AsSpan(0, 8), out written).Should().BeTrue();
        new string(buffer, 0, written).Should().Be("-1.5e-07");
    }

    [Test]
    public void Digits_Value_GivesScientificDigitsAndExponent()
    {
        // 1920 * 0.27 = 518.4 exactly as printed: digits 5184, 5.184 x 10^2.
        var digits = new byte[ShortestDouble.MaxDigits];
        var count = ShortestDouble.Digits(-518.4, digits, out var exponent);
        Encoding.ASCII.GetString(digits, 0, count).Should().Be("5184");
        exponent.Should().Be(2);

        count = ShortestDouble.Digits(5e-324, digits, out exponent);
        Encoding.ASCII.GetString(digits, 0, count).Should().Be("5");
        exponent.Should().Be(-324);

        count = ShortestDouble.Digits(1000.0, digits, out exponent);
        Encoding.ASCII.GetString(digits, 0, count).Should().Be("1");
        exponent.Should().Be(3);
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Digits_ZeroOrNonFinite_Throws(double value)
    {
        var act = () => ShortestDouble.Digits(value, new byte[ShortestDouble.MaxDigits], out _);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(value));
    }

    [Test]
    public void Digits_BufferShorterThanMaxDigits_Throws()
    {
        var act = () => ShortestDouble.Digits(1.0, new byte[ShortestDouble.MaxDigits - 1], out _);
        act.Should().Throw<ArgumentException>().WithParameterName("digits");
    }

    [TestCase(-1.2345678901234567e-308)]
    [TestCase(-0.00012345678901234567)]
    [TestCase(1e16)]
    [TestCase(double.NegativeInfinity)]
    [TestCase(0.5)]
    public void TryFormat_DestinationTooShort_ReturnsFalseAndWritesNothing(double value)
    {
        var expected = value.ToString("R", CultureInfo.InvariantCulture);
        for (var length = 0; length <= expected.Length; length++)
        {
            var buffer = Enumerable.Repeat((byte)'#', length + 4).ToArray();
            var fits = ShortestDouble.TryFormatRoundTrip(value, buffer.AsSpan(0, length), out var written);
            fits.Should().Be(length == expected.Length, $"{length} bytes for {expected}");
            written.Should().Be(fits ? expected.Length : 0);
            Encoding.ASCII.GetString(buffer, 0, length + 4).Should().Be(
                (fits ? expected : new string('#', length)) + "####", "nothing is written outside the destination or on failure");
        }

        var python = PythonReference(value);
        ShortestDouble.TryFormatPython(value, new byte[python.Length - 1], out var pythonWritten).Should().BeFalse();
        pythonWritten.Should().Be(0);
        ShortestDouble.TryFormatPython(value, new byte[python.Length], out pythonWritten).Should().BeTrue();
        pythonWritten.Should().Be(python.Length);
    }

    [Test]
    public void FloorLogs_EveryExponentADoubleNeeds_AreExact()
    {
        // Checked against exact rational comparisons: 10^k <= 2^q < 10^(k+1), 10^k <= 3 2^(q-2) < 10^(k+1) and
        // 2^r <= 10^e < 2^(r+1).
        for (var q = -1100; q <= 1100; q++)
        {
            var k = ShortestDouble.FloorLog10Pow2(q);
            (Compare(1, q, 1, k) >= 0 && Compare(1, q, 1, k + 1) < 0).Should().BeTrue($"floor(log10(2^{q})) = {k}");
            var k34 = ShortestDouble.FloorLog10ThreeQuartersPow2(q);
            (Compare(3, q - 2, 1, k34) >= 0 && Compare(3, q - 2, 1, k34 + 1) < 0).Should().BeTrue($"floor(log10(3/4 2^{q})) = {k34}");
        }

        for (var e = -400; e <= 400; e++)
        {
            var r = ShortestDouble.FloorLog2Pow10(e);
            (Compare(1, r, 1, e) <= 0 && Compare(1, r + 1, 1, e) > 0).Should().BeTrue($"floor(log2(10^{e})) = {r}");
        }
    }

    [Test]
    public void TableEntries_AreTheRoundedUpPowersOfTen()
    {
        // g = floor(10^e 2^-r) + 1 with 2^125 <= g - 1 < 2^126 and r = floor(log2(10^e)) - 125, i.e.
        // (g - 1) 2^r <= 10^e < g 2^r.
        var (min, max) = ShortestDouble.TableRange;
        for (var e = min; e <= max; e++)
        {
            var (high, low) = ShortestDouble.TableEntry(e);
            var g = (new BigInteger(high) << 64) | low;
            var r = ShortestDouble.FloorLog2Pow10(e) - 125;
            (g - 1 >= BigInteger.One << 125 && g - 1 < BigInteger.One << 126).Should().BeTrue($"g for 10^{e} has 126 bits");
            (Compare(g - 1, r, 1, e) <= 0 && Compare(g, r, 1, e) > 0).Should().BeTrue($"g for 10^{e} brackets it");
        }
    }

    // Sign of m 2^p - n 10^e, exactly.
    private static int Compare(BigInteger m, int p, BigInteger n, int e)
    {
        var left = m * (p >= 0 ? BigInteger.Pow(2, p) : 1) * (e < 0 ? BigInteger.Pow(10, -e) : 1);
        var right = n * (e >= 0 ? BigInteger.Pow(10, e) : 1) * (p < 0 ? BigInteger.Pow(2, -p) : 1);
        return left.CompareTo(right);
    }

    private static IEnumerable<double> Neighbours(double value) =>
        value == 0 || !double.IsFinite(value) ? [] : [Math.BitDecrement(value), value, Math.BitIncrement(value)];

    // Python's repr from .NET's "R" text (right for every double but the two in DotNetRoundTripFailures): the digits
    // and decimal exponent of "R", positional with ".0" for integral values when -4 <= exponent < 16, else
    // d.ddde+XX with at least two exponent digits; nan, inf, -inf, 0.0, -0.0.
    private static string PythonReference(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).TrimStart('-');
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var power = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var allDigits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        var exponent = (point < 0 ? mantissa.Length : point) - 1 - leading + power;
        var sign = value < 0 ? "-" : string.Empty;
        if (exponent < -4 || exponent >= 16)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{digits[0]}{fraction}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
        }

        if (exponent < 0)
        {
            return sign + "0." + new string('0', -exponent - 1) + digits;
        }

        return digits.Length <= exponent + 1
            ? sign + digits + new string('0', exponent + 1 - digits.Length) + ".0"
            : sign + digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }

    private static string Text(double value)
    {
        var buffer = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormatRoundTrip(value, buffer, out var written).Should().BeTrue();
        return Encoding.ASCII.GetString(buffer, 0, written);
    }

    private static void AssertAllMatch(IEnumerable<double> values)
    {
        var buffer = new byte[ShortestDouble.MaxLength];
        var digits = new byte[ShortestDouble.MaxDigits];
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var candidate in values)
        {
            foreach (var value in new[] { candidate, -candidate })
            {
                if (!double.IsFinite(value))
                {
                    continue;
                }

                checkedCount++;
                var expected = value.ToString("R", CultureInfo.InvariantCulture);
                ShortestDouble.TryFormatRoundTrip(value, buffer, out var written);
                var ours = Encoding.ASCII.GetString(buffer, 0, written);
                var parsed = double.Parse(ours, CultureInfo.InvariantCulture);
                var problem = ours != expected ? $"{expected} written as {ours}"
                    : BitConverter.DoubleToInt64Bits(parsed) != BitConverter.DoubleToInt64Bits(value) ? $"{ours} does not parse back"
                    : value == 0 ? null
                    : DigitsProblem(value, expected, digits);
                if (problem is not null && failures.Count < 10)
                {
                    failures.Add(problem);
                }
            }
        }

        checkedCount.Should().BePositive();
        failures.Should().BeEmpty();
    }

    // Digits must give the digits of the "R" text (without sign, point, leading/trailing zeros) and the exponent
    // of its first digit.
    private static string? DigitsProblem(double value, string expected, byte[] digits)
    {
        var count = ShortestDouble.Digits(value, digits, out var exponent);
        var text = Encoding.ASCII.GetString(digits, 0, count);
        var rebuilt = string.Create(CultureInfo.InvariantCulture, $"{(value < 0 ? "-" : "")}{text[0]}.{text[1..]}0E{exponent}");
        var mantissa = expected.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0').TrimEnd('0');
        return mantissa != text ? $"{expected}: digits {text}"
            : double.Parse(rebuilt, CultureInfo.InvariantCulture) != value ? $"{expected}: digits {text} exponent {exponent}"
            : null;
    }
}
