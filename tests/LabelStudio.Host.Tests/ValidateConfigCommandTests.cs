using System.Text.Json;
using System.Text.RegularExpressions;
using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public partial class ValidateConfigCommandTests
{
    private static string Invalid(string file) => Path.Combine(RepositoryPaths.TestData, "Config", "invalid", file);

    private static string Template(string file) => Path.Combine(RepositoryPaths.TestData, "Config", "templates", file);

    [Test]
    public async Task Run_ValidTemplate_ExitsZeroWithNoDiagnostics()
    {
        var result = await CliRunner.RunAsync(["validate", "config", Template("computer-vision__keypoints.xml")]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("valid");
    }

    [Test]
    public async Task Run_WarningsOnly_ExitsZeroAndPrintsWarnings()
    {
        // This official template writes showInLine, which the editor accepts: a warning, not an error.
        var result = await CliRunner.RunAsync(["validate", "config", Template("videos__video-classification.xml")]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain(": warning LSC0012: ");
    }

    [Test]
    public async Task Run_InvalidConfig_ExitsOneWithCompilerStyleLines()
    {
        var path = Invalid("toname-missing-object.xml");

        var result = await CliRunner.RunAsync(["validate", "config", path]);

        result.ExitCode.Should().Be(1);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle();
        // The fixture's <RectangleLabels toName="image"> starts at line 3, column 3.
        lines[0].Should().StartWith($"{path}(3,3): error LSC0030: ");
        CompilerLine().IsMatch(lines[0]).Should().BeTrue(lines[0]);
    }

    [Test]
    public async Task Run_Json_WritesExactlyOneObject()
    {
        var result = await CliRunner.RunAsync(["validate", "config", Invalid("duplicate-object-names.xml"), "--json"]);

        result.ExitCode.Should().Be(1);
        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("valid", "diagnostics");
        root.GetProperty("valid").GetBoolean().Should().BeFalse();
        var diagnostic = root.GetProperty("diagnostics").EnumerateArray().Should().ContainSingle().Subject;
        diagnostic.EnumerateObject().Select(p => p.Name).Should().Equal("code", "severity", "line", "column", "path", "message");
        diagnostic.GetProperty("code").GetString().Should().Be("LSC0023");
        diagnostic.GetProperty("severity").GetString().Should().Be("error");
        diagnostic.GetProperty("line").GetInt32().Should().Be(3, "the second <Text name=\"text\"> is on line 3");
    }

    [Test]
    public async Task Run_JsonValid_ReportsValidTrue()
    {
        var result = await CliRunner.RunAsync(["validate", "config", Template("natural-language-processing__taxonomy.xml"), "--json"]);

        result.ExitCode.Should().Be(0);
        using var document = JsonDocument.Parse(result.Out);
        document.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("diagnostics").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task Run_StandardInput_ReadsDash()
    {
        var result = await CliRunner.RunAsync(["validate", "config", "-"], standardInput: "<View>\n<Imagee name=\"i\" value=\"$i\"/>\n</View>");

        result.ExitCode.Should().Be(1);
        result.Out.Should().StartWith("stdin(2,1): error LSC0010: ");
    }

    [Test]
    public async Task Run_MalformedXml_ExitsOne()
    {
        var result = await CliRunner.RunAsync(["validate", "config", Invalid("malformed-unclosed-tag.xml")]);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("(4,1): error LSC0001: ");
    }

    [Test]
    public async Task Run_RelativePath_ResolvedAgainstWorkingDirectory()
    {
        var result = await CliRunner.RunAsync(["validate", "config", "unknown-tag.xml"], workingDirectory: Path.GetDirectoryName(Invalid("unknown-tag.xml")));

        result.ExitCode.Should().Be(1);
        result.Out.Should().StartWith("unknown-tag.xml(2,3): error LSC0010: ");
    }

    [Test]
    public async Task Run_AllowUnknownTags_DowngradesToWarning()
    {
        var result = await CliRunner.RunAsync(["validate", "config", "-", "--allow-unknown-tags"], standardInput: "<View><Text name=\"t\" value=\"$t\"/><Future name=\"f\" toName=\"t\"/></View>");

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("warning LSC0010");
    }

    [Test]
    public async Task Run_MissingFile_ExitsTwoWithMessageOnStderr()
    {
        var result = await CliRunner.RunAsync(["validate", "config", "no-such-config.xml"], workingDirectory: Path.GetTempPath());

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("no-such-config.xml");
    }

    [Test]
    public async Task Run_NoFileArgument_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["validate", "config"]);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
    }

    [Test]
    public async Task Run_HostileInput_ExitsOneQuickly()
    {
        var result = await CliRunner.RunAsync(["validate", "config", Invalid("billion-laughs.xml"), "--json"]);

        result.ExitCode.Should().Be(1);
        result.Out.Should().Contain("LSC0002");
    }

    [GeneratedRegex(@"^.+\(\d+,\d+\): (error|warning) LSC\d{4}: .+$")]
    private static partial Regex CompilerLine();
}
