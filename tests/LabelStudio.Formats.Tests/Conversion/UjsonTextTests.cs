using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary><see cref="UjsonText"/>: System.Text.Json's compact text turned into ujson's for the same Python values.</summary>
public class UjsonTextTests
{
    // Literals read from an export: Python parses ints (exact; -0 is 0) and floats, ujson writes them back.
    [TestCase("""{"a":0.00001,"b":[1e16,1E2,-0,36,36.0,26.827389647638000]}""", """{"a":1e-5,"b":[1e+16,100.0,0,36,36.0,26.827389647638]}""")]
    [TestCase("""["s/t","\u00e9\/\"",-5,9223372036854775807]""", """["s\/t","\u00e9\/\"",-5,9223372036854775807]""")]
    [TestCase("""{"k":true,"n":null,"e":[],"o":{}}""", """{"k":true,"n":null,"e":[],"o":{}}""")]
    public void Rewrite_Literals_UjsonText(string json, string expected) =>
        UjsonText.Rewrite(json, UjsonText.NumberSource.Literal).Should().Be(expected);

    // Doubles of our models as the JSON writer prints them: integral values stay integers (the front end's 0, not
    // 0.0), exponent forms and -0 become ujson's float text.
    [TestCase("""[{"x":1E-05,"y":1E+15,"z":-0,"w":36,"v":2.5,"u":1.5E+300}]""", """[{"x":1e-5,"y":1000000000000000,"z":-0.0,"w":36,"v":2.5,"u":1.5e+300}]""")]
    public void Rewrite_WriterDoubles_UjsonTextIntegersKept(string json, string expected) =>
        UjsonText.Rewrite(json, UjsonText.NumberSource.Double).Should().Be(expected);

    [Test]
    public void MayDiffer_PlainText_FalseSoTheCellIsCopied() =>
        UjsonText.MayDiffer("""[{"x":26.8,"y":3,"rectanglelabels":["Car"]}]"""u8, UjsonText.NumberSource.Double).Should().BeFalse();

    // Dates and negative numbers hold "-" and "-0" but nothing ujson writes differently: copied as they are.
    [TestCase("""{"created_at":"2024-03-01T10:11:36.000000Z","x":-0.5,"y":-3,"z":-0.25}""")]
    public void MayDiffer_DatesAndNegativeNumbers_False(string json) =>
        UjsonText.MayDiffer(System.Text.Encoding.UTF8.GetBytes(json), UjsonText.NumberSource.Double).Should().BeFalse();

    // The writer's negative zero becomes -0.0, wherever it stands (after a date's "-0", at the very end).
    [TestCase("""{"d":"2024-03-01","z":-0}""")]
    [TestCase("""[-0,1]""")]
    [TestCase("""-0""")]
    public void MayDiffer_NegativeZero_True(string json) =>
        UjsonText.MayDiffer(System.Text.Encoding.UTF8.GetBytes(json), UjsonText.NumberSource.Double).Should().BeTrue();

    [Test]
    public void Write_IntoBuffer_SameAsRewrite()
    {
        var output = new Utf8Buffer();

        UjsonText.Write("""{"a":"x/y","b":1E-07}"""u8, output, UjsonText.NumberSource.Double);

        System.Text.Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("""{"a":"x\/y","b":1e-7}""");
    }
}
