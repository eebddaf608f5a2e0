using System.Text;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>Hostile and broken input gives a diagnostic, never a crash, hang or unbounded memory.</summary>
public class LabelConfigSafetyTests
{
    [Test]
    public void Validate_ExternalEntity_RejectedAsDoctypeBeforeParsing()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE View [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <View><Header value="&xxe;"/></View>
            """;

        var result = LabelConfig.Validate(xml);

        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.DoctypeForbidden);
        result.Diagnostics[0].Line.Should().Be(2);
    }

    [Test]
    public void Validate_DoctypeInsideComment_IsNotADoctype()
    {
        const string xml = """<View><!-- <!DOCTYPE x> --><Text name="t" value="$t"/></View>""";

        LabelConfig.Validate(xml).IsValid.Should().BeTrue("a DOCTYPE written inside a comment is text");
    }

    [Test]
    public void Validate_FiftyMegabyteConfig_RejectedBySizeCap()
    {
        var builder = new StringBuilder("<View><Text name=\"t\" value=\"$t\"/><Labels name=\"l\" toName=\"t\">");
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append("<Label value=\"label number xxxxxxxxxxxxxxxx\"/>");
        }

        builder.Append("</Labels></View>");

        var result = LabelConfig.Validate(builder.ToString());

        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InputTooLarge);
    }

    [Test]
    public void Validate_TenThousandDeepNesting_ReportsDepthDiagnostic()
    {
        const int depth = 10_000;
        var xml = string.Concat(Enumerable.Repeat("<View>", depth)) + string.Concat(Enumerable.Repeat("</View>", depth));

        var result = LabelConfig.Validate(xml);

        var diagnostic = result.Diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be(DiagnosticCodes.NestingTooDeep);
        diagnostic.Line.Should().Be(1);
        // The first element past the limit starts right after MaxDepth "<View>" tags of 6 characters each.
        diagnostic.Column.Should().Be((LabelConfigOptions.DefaultMaxDepth * 6) + 1);
    }

    [Test]
    public void Validate_DepthWithinCustomLimit_Accepted()
    {
        var xml = string.Concat(Enumerable.Repeat("<View>", 200)) + "<Text name=\"t\" value=\"$t\"/>" + string.Concat(Enumerable.Repeat("</View>", 200));

        LabelConfig.Validate(xml, new LabelConfigOptions { MaxDepth = 300 }).IsValid.Should().BeTrue();
        LabelConfig.Validate(xml).Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.NestingTooDeep);
    }

    [TestCase("")]
    [TestCase("   \n ")]
    public void Validate_EmptyInput_ReportsMalformed(string xml)
    {
        LabelConfig.Validate(xml).Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MalformedXml);
    }

    [Test]
    public void Validate_TruncatedConfig_ReportsMalformedAtEnd()
    {
        const string xml = "<View>\n  <Image name=\"img\" value=\"$image\"/>\n  <Choices name=\"c\" toName=\"img\">";

        var diagnostic = LabelConfig.Validate(xml).Diagnostics.Should().ContainSingle().Which;

        diagnostic.Code.Should().Be(DiagnosticCodes.MalformedXml);
        diagnostic.Line.Should().Be(3, "the input ends on line 3");
    }

    [Test]
    public void Validate_BinaryGarbage_ReportsMalformed()
    {
        var garbage = new string(Enumerable.Range(0, 2000).Select(i => (char)((i * 7919) % 0xD000)).ToArray());

        var result = LabelConfig.Validate(garbage);

        result.IsValid.Should().BeFalse();
        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.MalformedXml);
    }

    [Test]
    public void Parse_Null_ThrowsArgumentNull()
    {
        var act = () => LabelConfig.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Validate_CustomSizeCap_AppliesBeforeParsing()
    {
        const string xml = "<View><Text name=\"t\" value=\"$t\"/></View>";

        var result = LabelConfig.Validate(xml, new LabelConfigOptions { MaxLength = 10 });

        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain(xml.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
