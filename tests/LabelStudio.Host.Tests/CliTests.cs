using System.Reflection;

namespace LabelStudio.Host.Tests;

public class CliTests
{
    [Test]
    public async Task Help_NoCommand_PrintsUsageToStdoutAndExitsZero()
    {
        var result = await CliRunner.RunAsync(["--help"]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("Usage:").And.Contain("labelstudio");
        result.Error.Should().BeEmpty();
    }

    [Test]
    public async Task Version_Option_PrintsPackageVersionWithoutRevision()
    {
        var result = await CliRunner.RunAsync(["--version"]);

        // The version comes from Directory.Build.props (VersionPrefix); SourceLink appends "+<commit>"
        // to the informational version, which --version leaves out.
        var informational = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = informational.Split('+')[0];
        result.ExitCode.Should().Be(0);
        result.Out.Trim().Should().Be(expected);
        expected.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [TestCase("--bogus")]
    [TestCase("no-such-command")]
    public async Task Parse_UnknownArgument_ExitsTwoWithMessageOnStderr(string argument)
    {
        var result = await CliRunner.RunAsync([argument]);

        result.ExitCode.Should().Be(2, "usage errors exit 2 by the CLI contract");
        result.Out.Should().BeEmpty("errors never go to stdout, which scripts parse");
        result.Error.Should().Contain(argument).And.Contain("--help");
    }

    [Test]
    public void Catalog_EveryCommand_HasDescriptionAndUniqueName()
    {
        using var stdout = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = stdout,
            Error = stdout,
            OpenStandardInput = () => new StringReader(string.Empty),
            GetVariable = _ => null,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };

        var root = Cli.BuildRootCommand(environment);

        root.Subcommands.Select(c => c.Name).Should().OnlyHaveUniqueItems();
        foreach (var command in root.Subcommands)
        {
            command.Description.Should().NotBeNullOrWhiteSpace($"'{command.Name}' is listed in --help");
        }
    }
}
