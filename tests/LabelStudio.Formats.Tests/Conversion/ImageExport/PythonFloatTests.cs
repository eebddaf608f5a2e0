using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

[TestFixture]
public class PythonFloatTests
{
    // Expected strings are what CPython's repr() prints for these doubles.
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
    public void Format_Value_PrintsAsPythonRepr(double value, string expected) =>
        PythonFloat.Format(value).Should().Be(expected);

    // 2^-25: .NET's "R" prints 2.980232238769531E-08, which parses back to a different double (powers of two have a
    // narrower gap below them); CPython's repr is 2.9802322387695312e-08, the shortest text that round-trips.
    [Test]
    public void Format_PowerOfTwoDotNetGetsWrong_PrintsTheRoundTrippingRepr()
    {
        var value = Math.ScaleB(1.0, -25);

        var text = PythonFloat.Format(value);

        text.Should().Be("2.9802322387695312e-08");
        double.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().Be(value);
    }

    [TestCase(double.NaN, "nan")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    public void Format_SpecialValue_PrintsAsPythonRepr(double value, string expected) =>
        PythonFloat.Format(value).Should().Be(expected);
}
