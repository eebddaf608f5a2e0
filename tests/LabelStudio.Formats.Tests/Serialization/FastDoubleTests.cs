using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

// The expected value of every case is what the BCL's general parser (double.Parse, IEEE round-to-nearest) returns for the
// same text: the fast path must never give a different double, and must decline whatever it cannot do exactly.
public sealed class FastDoubleTests
{
    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("-0.0")]
    [TestCase("1")]
    [TestCase("26.827389647638")]
    [TestCase("-123.456")]
    [TestCase("0.1")]
    [TestCase("0.3")]
    [TestCase("100.0")]
    [TestCase("9007199254740992")]
    [TestCase("9007199254740.992")]
    [TestCase("0.000000000000000001")]
    [TestCase("1920")]
    [TestCase("268.9206")]
    [TestCase("12345678.87654321")]
    [TestCase("-1234567890123.5")]
    [TestCase("0.00000001")]
    public void TryParse_PlainDecimal_EqualsTheGeneralParser(string text)
    {
        FastDouble.TryParse(Encoding.ASCII.GetBytes(text), out var value).Should().BeTrue();
        BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), text);
    }

    // 2^53 + 1 is not a double; 23 fraction digits would need 10^23, which is not exact; exponents are left to the
    // general parser; so are 20 or more digits.
    [TestCase("9007199254740993")]
    [TestCase("0.00000000000000000000001")]
    [TestCase("1e5")]
    [TestCase("1.5E-3")]
    [TestCase("26.827389647638003123")]
    [TestCase("12345678901234567890")]
    [TestCase("1234567890.1234567890")]
    [TestCase("")]
    [TestCase("-")]
    public void TryParse_OutsideTheExactRange_Declines(string text) =>
        FastDouble.TryParse(Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();

    [Test]
    public void Get_ManyRandomDecimals_EqualTheGeneralParser()
    {
        var random = new Random(20261128);
        for (var i = 0; i < 20000; i++)
        {
            var integer = random.NextInt64(0, 100000);
            var fractionDigits = random.Next(0, 17);
            var fraction = fractionDigits == 0 ? string.Empty : "." + string.Concat(Enumerable.Range(0, fractionDigits).Select(_ => (char)('0' + random.Next(10))));
            var text = (random.Next(4) == 0 ? "-" : string.Empty) + integer.ToString(CultureInfo.InvariantCulture) + fraction;
            var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(text));
            reader.Read();
            var value = FastDouble.Get(ref reader);
            BitConverter.DoubleToInt64Bits(value).Should().Be(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), text);
        }
    }

    [Test]
    public void Get_Exponent_FallsBackToTheGeneralParser()
    {
        var reader = new Utf8JsonReader("2.5e-3"u8);
        reader.Read();
        FastDouble.Get(ref reader).Should().Be(0.0025);
    }
}
