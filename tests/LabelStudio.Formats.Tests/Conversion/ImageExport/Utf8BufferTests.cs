using System.Globalization;
using System.Text;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

public sealed class Utf8BufferTests
{
    // Below 10^17 the digits come from ShortestDouble's digit writer, above it (and for negatives) from .NET's
    // formatter; either way the text is the invariant decimal form.
    [TestCase(0L)]
    [TestCase(7L)]
    [TestCase(10L)]
    [TestCase(99L)]
    [TestCase(100L)]
    [TestCase(1_047_017L)]
    [TestCase(12_345_678L)]
    [TestCase(123_456_789L)]
    [TestCase(10_000_000_000_000_000L)]
    [TestCase(99_999_999_999_999_999L)]
    [TestCase(100_000_000_000_000_000L)]
    [TestCase(long.MaxValue)]
    [TestCase(-1L)]
    [TestCase(long.MinValue)]
    public void WriteInt_Value_WritesInvariantDecimal(long value)
    {
        var buffer = new Utf8Buffer(1);
        buffer.WriteInt(value);
        Encoding.ASCII.GetString(buffer.WrittenSpan).Should().Be(value.ToString(CultureInfo.InvariantCulture));
    }

    [Test]
    public void WriteInt_EveryPowerOfTenAndNeighbours_WritesInvariantDecimal()
    {
        var buffer = new Utf8Buffer(1);
        var expected = new StringBuilder();
        for (var power = 1L; power < long.MaxValue / 10; power *= 10)
        {
            foreach (var value in new[] { power - 1, power, power + 1 })
            {
                buffer.WriteInt(value);
                buffer.Put((byte)' ');
                expected.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ');
            }
        }

        Encoding.ASCII.GetString(buffer.WrittenSpan).Should().Be(expected.ToString());
    }
}
