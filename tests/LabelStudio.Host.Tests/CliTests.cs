using System.Reflection;
using LabelStudio.Host.Commands;

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

    [Test]
    public async Task Help_NoCommand_ListsEveryCatalogCommand()
    {
        var result = await CliRunner.RunAsync(["--help"]);

        // Commands are built only when needed; help must still show all of them.
        string[] expected = ["validate", "convert", "import-dataset", "serve", "check-backend", "projects", "import", "export"];
        result.ExitCode.Should().Be(0);
        foreach (var name in expected)
        {
            result.Out.Should().Contain(name);
        }

        CommandCatalog.All.Select(c => c.Name).Should().BeEquivalentTo(expected);
    }

    [Test]
    public void Catalog_EveryCommand_BuildsACommandOfItsName()
    {
        var environment = QuietEnvironment();

        foreach (var command in CommandCatalog.All)
        {
            command.Build(environment).Name.Should().Be(command.Name, "the CLI picks the command to build by this name");
        }
    }

    [TestCase("convert x.json", "convert")]
    [TestCase("validate config c.xml", "validate")]
    [TestCase("import-dataset", "import-dataset")]
    [TestCase("check-backend --help", "check-backend")]
    public void CommandNamed_FirstArgumentIsACommand_ReturnsIt(string commandLine, string expected)
    {
        Cli.CommandNamed(commandLine.Split(' ')).Should().Be(expected);
    }

    [TestCase("")]
    [TestCase("--help")]
    [TestCase("--version")]
    [TestCase("Convert")]
    [TestCase("conver")]
    [TestCase("@args.rsp")]
    [TestCase("x.json convert")]
    public void CommandNamed_FirstArgumentIsNoCommand_ReturnsNull(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Cli.CommandNamed(args).Should().BeNull("help, typos and response files need every command");
    }

    [Test]
    public void BuildRootCommand_OneCommandNamed_BuildsOnlyIt()
    {
        var root = Cli.BuildRootCommand(QuietEnvironment(), "convert");

        root.Subcommands.Select(c => c.Name).Should().Equal("convert");
    }

    [Test]
    public async Task Parse_TypoOfACommand_ExitsTwoNamingTheToken()
    {
        var result = await CliRunner.RunAsync(["conver", "x.json"]);

        // A typo is no catalog name, so the whole root is built and parsed as before: no command matched.
        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("Required command was not provided").And.Contain("'conver'");
    }

    [Test]
    public async Task Convert_Help_PrintsTheCommandsOwnUsage()
    {
        var result = await CliRunner.RunAsync(["convert", "--help"]);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("--to").And.Contain("--list-formats");
    }

    private static CliEnvironment QuietEnvironment() => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        OpenStandardInput = () => new StringReader(string.Empty),
        GetVariable = _ => null,
        WorkingDirectory = Directory.GetCurrentDirectory(),
    };
}
