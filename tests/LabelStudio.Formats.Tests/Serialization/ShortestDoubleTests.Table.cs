using System.Globalization;
using System.Numerics;
using System.Text;
using LabelStudio.Formats.Serialization;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Serialization;

// The Schubfach powers of ten are a checked-in constant table (src/LabelStudio.Formats/Serialization/
// ShortestDouble.Pow10Table.cs). Pow10TableSource computes every entry with BigInteger and renders that file; to
// regenerate it, write Pow10TableSource.Render() over it (e.g. from a scratch test) and rerun these tests.
public sealed partial class ShortestDoubleTests
{
    private static readonly string Pow10TablePath =
        Path.Combine("src", "LabelStudio.Formats", "Serialization", "ShortestDouble.Pow10Table.cs");

    [Test]
    public void TableEntry_EveryPowerOfTen_IsTheBigIntegerComputation()
    {
        var (min, max) = ShortestDouble.TableRange;
        var failures = new List<string>();
        for (var e = min; e <= max; e++)
        {
            var expected = Pow10TableSource.Entry(e);
            var (high, low) = ShortestDouble.TableEntry(e);
            if (high != (ulong)(expected >> 64) || low != (ulong)(expected & ulong.MaxValue))
            {
                Record(failures, $"10^{e}: {high:X16} {low:X16}, expected {expected:X}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Test]
    public void Pow10TableSourceFile_IsWhatTheGeneratorRenders()
    {
        var checkedIn = File.ReadAllText(Path.Combine(RepositoryPaths.Root, Pow10TablePath)).ReplaceLineEndings("\n");
        checkedIn.Should().Be(Pow10TableSource.Render(), "the table file is generated; regenerate it rather than editing it");
    }

    [Test]
    public void Pow10TableSource_KnownEntries_AreTheRoundedUpPowers()
    {
        // 10^0 = 2^125 2^-125 exactly, so g = 2^125 + 1; 10^1 = 10 2^-122 = 1.25 2^125 2^-122, so g = 1.25 2^125 + 1.
        Pow10TableSource.Entry(0).Should().Be((BigInteger.One << 125) + 1);
        Pow10TableSource.Entry(1).Should().Be((BigInteger.One << 125) + (BigInteger.One << 123) + 1);
        ShortestDouble.TableEntry(0).Should().Be((1UL << 61, 1UL));
    }

    /// <summary>Computes and renders the table of <c>ShortestDouble.Pow10Table</c> with exact integer arithmetic.</summary>
    internal static class Pow10TableSource
    {
        /// <summary>
        /// g = floor(10^e 2^-r) + 1 with r = floor(log2(10^e)) - 125, so that 2^125 &lt;= 10^e 2^-r &lt; 2^126: for
        /// e &gt;= 0, 10^e has b bits and r = b - 126; for e &lt; 0, 10^-e has b bits (it is no power of two, so
        /// 2^(b-1) &lt; 10^-e &lt; 2^b) and r = -(125 + b).
        /// </summary>
        public static BigInteger Entry(int e)
        {
            if (e >= 0)
            {
                var power = BigInteger.Pow(10, e);
                var shift = (int)power.GetBitLength() - 126;
                return (shift >= 0 ? power >> shift : power << -shift) + 1;
            }

            var divisor = BigInteger.Pow(10, -e);
            return (BigInteger.One << (125 + (int)divisor.GetBitLength())) / divisor + 1;
        }

        public static string Render()
        {
            var (min, max) = ShortestDouble.TableRange;
            var text = new StringBuilder();
            text.Append("""
                namespace LabelStudio.Formats.Serialization;

                internal static partial class ShortestDouble
                {
                    // For each e in [MinPow10, MaxPow10]: g = floor(10^e 2^-r) + 1 with r chosen so that 2^125 <= 10^e 2^-r < 2^126,
                    // as the pair (g >> 64, g & ulong.MaxValue). Generated once with BigInteger by ShortestDoubleTests.Pow10TableSource,
                    // whose tests check every entry and that this file is exactly what it renders. A constant span is read from the
                    // assembly's data with no start-up work; computing it took ~5 ms and ~20 BigInteger methods through the JIT
                    // (twice, tier 0 then tier 1) in every process.
                    private static ReadOnlySpan<ulong> Pow10Table =>
                    [

                """);
            for (var e = min; e <= max; e++)
            {
                var g = Entry(e);
                text.Append(CultureInfo.InvariantCulture, $"        0x{(ulong)(g >> 64):X16}, 0x{(ulong)(g & ulong.MaxValue):X16}, // 10^{e}\n");
            }

            text.Append("    ];\n}\n");
            return text.ToString();
        }
    }
}
