using System.Text.RegularExpressions;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>Every case of tests/TestData/Config/invalid is rejected with a diagnostic of its kind at the right line.</summary>
public partial class LabelConfigInvalidTests
{
    // The code each fixture kind maps to. frontend_only and missing_attribute cover several rules: see ExpectedCodeOf.
    private static readonly Dictionary<string, string> CodeByKind = new(StringComparer.Ordinal)
    {
        ["malformed_xml"] = DiagnosticCodes.MalformedXml,
        ["duplicate_name"] = DiagnosticCodes.DuplicateName,
        ["python_gap"] = DiagnosticCodes.DuplicateName,
        ["dangling_toname"] = DiagnosticCodes.UnknownToName,
        ["missing_children"] = DiagnosticCodes.NoLabels,
        ["type_coercion"] = DiagnosticCodes.NonStringName,
        ["xml_security"] = DiagnosticCodes.DoctypeForbidden,
        ["attribute_value"] = DiagnosticCodes.InvalidNumber,
        ["attribute_case"] = DiagnosticCodes.AttributeNameCase,
    };

    // The line of the offending element, read from each fixture file (1-based). Malformed cases take the line from
    // the server's message in index.json instead (see ExpectedLineOf).
    private static readonly Dictionary<string, int> LineByFile = new(StringComparer.Ordinal)
    {
        ["duplicate-object-names.xml"] = 3,          // the second <Text name="text">
        ["duplicate-control-names.xml"] = 4,         // the second <Choices name="cls">
        ["duplicate-names-single-quotes.xml"] = 3,   // the second <Text name='text'>
        ["toname-missing-object.xml"] = 3,           // <RectangleLabels toName="image">
        ["toname-multi-one-missing.xml"] = 3,        // <Pairwise toName="text1,text2">
        ["toname-case-mismatch.xml"] = 3,            // <Choices toName="IMG">
        ["choices-without-choice.xml"] = 3,          // the empty <Choices>
        ["labels-without-label.xml"] = 3,            // <Labels .../>
        ["choice-without-value.xml"] = 5,            // <Choice/>
        ["label-without-value.xml"] = 5,             // <Label background="red"/>
        ["text-without-value.xml"] = 2,              // <Text name="text"/>
        ["hypertext-without-name.xml"] = 2,          // <HyperText value=...>
        ["choices-missing-toname.xml"] = 3,
        ["textarea-missing-toname.xml"] = 3,
        ["number-missing-toname.xml"] = 3,
        ["numeric-name-coerced.xml"] = 2,            // <Image name="1">
        ["dtd-doctype.xml"] = 2,                     // <!DOCTYPE ...>
        ["billion-laughs.xml"] = 2,                  // <!DOCTYPE ...>
        ["video-playback-speed-too-high.xml"] = 2,   // <Video defaultPlaybackSpeed="15">
        ["video-playback-speed-not-number.xml"] = 2, // <Video defaultPlaybackSpeed="fast">
        ["lowercase-toname-attribute.xml"] = 3,      // <Choices toname="img">
        ["unknown-tag.xml"] = 2,                     // <Imagee>
        ["control-targets-unsupported-object.xml"] = 3,
        ["perregion-and-peritem.xml"] = 4,
        ["bad-enum-attribute.xml"] = 3,
    };

    private static IEnumerable<TestCaseData> Cases() => ConfigFixtures.InvalidCases();

    [TestCaseSource(nameof(Cases))]
    public void Validate_InvalidConfig_ReportsErrorOfItsKindAtItsLine(string file, string kind, string expectedErrorContains)
    {
        var result = LabelConfig.Validate(ConfigFixtures.ReadInvalid(file));

        result.IsValid.Should().BeFalse($"{file} is invalid ({kind})");
        var expectedCode = ExpectedCodeOf(file, kind);
        var expectedLine = ExpectedLineOf(file, kind, expectedErrorContains);
        result.Errors.Should().Contain(
            d => d.Code == expectedCode && d.Line == expectedLine,
            $"{file} should have {expectedCode} at line {expectedLine}; got: {string.Join(" | ", result.Diagnostics)}");
    }

    [TestCaseSource(nameof(Cases))]
    public void TryParse_InvalidConfig_ReturnsFalseWithoutThrowing(string file, string kind, string expectedErrorContains)
    {
        var ok = LabelConfig.TryParse(ConfigFixtures.ReadInvalid(file), out var config, out var diagnostics);

        ok.Should().BeFalse();
        config.Should().BeNull();
        diagnostics.Should().Contain(d => d.IsError);
    }

    [TestCaseSource(nameof(Cases))]
    public void Parse_InvalidConfig_ThrowsWithEveryDiagnostic(string file, string kind, string expectedErrorContains)
    {
        var xml = ConfigFixtures.ReadInvalid(file);

        var act = () => LabelConfig.Parse(xml);

        var exception = act.Should().Throw<LabelConfigException>().Which;
        exception.Diagnostics.Should().BeEquivalentTo(LabelConfig.Validate(xml).Diagnostics);
        exception.Message.Should().Contain(exception.Diagnostics.First(d => d.IsError).Code);
    }

    private static string ExpectedCodeOf(string file, string kind) => kind switch
    {
        "missing_attribute" when file.Contains("toname", StringComparison.Ordinal) => DiagnosticCodes.MissingToName,
        "missing_attribute" when file.StartsWith("hypertext", StringComparison.Ordinal) => DiagnosticCodes.MissingName,
        "missing_attribute" => DiagnosticCodes.MissingValue,
        "frontend_only" => file switch
        {
            "unknown-tag.xml" => DiagnosticCodes.UnknownTag,
            "control-targets-unsupported-object.xml" => DiagnosticCodes.UncontrollableTarget,
            "perregion-and-peritem.xml" => DiagnosticCodes.PerRegionWithPerItem,
            "bad-enum-attribute.xml" => DiagnosticCodes.InvalidEnumValue,
            _ => throw new AssertionException($"no expected code for frontend_only case {file}"),
        },
        _ => CodeByKind[kind],
    };

    private static int ExpectedLineOf(string file, string kind, string expectedErrorContains)
    {
        if (kind == "malformed_xml")
        {
            // The server's message names the line: "...: line 4, column 2".
            return int.Parse(LineInMessage().Match(expectedErrorContains).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return LineByFile[file];
    }

    [GeneratedRegex(@"line (\d+)")]
    private static partial Regex LineInMessage();
}
