using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using LabelStudio.Host.Commands;

namespace LabelStudio.Host;

/// <summary>Entry point of the `labelstudio` command line, callable in-process by tests.</summary>
internal static class Cli
{
    public const string Description =
        "labelstudio: Label Studio tooling for .NET. Validate labeling configs, convert exports, " +
        "import datasets, talk to a Label Studio server and serve ML backends.";

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);

        var root = BuildRootCommand(environment, CommandNamed(args));
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("Run 'labelstudio --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// Builds the root command with every command of the catalog, or only with <paramref name="onlyCommand"/> when given
    /// (a name from the catalog).
    /// </summary>
    public static RootCommand BuildRootCommand(CliEnvironment environment, string? onlyCommand = null)
    {
        var root = new RootCommand(Description);

        // The default version action reads the entry assembly, which is not ours when the CLI runs in-process.
        foreach (var option in root.Options)
        {
            if (option is VersionOption versionOption)
            {
                versionOption.Action = new PrintVersionAction();
            }
        }

        foreach (var command in CommandCatalog.All)
        {
            if (onlyCommand is null || string.Equals(command.Name, onlyCommand, StringComparison.Ordinal))
            {
                root.Subcommands.Add(command.Build(environment));
            }
        }

        return root;
    }

    /// <summary>
    /// The command the arguments start with, when it is one of the catalog's. The parser matches the first token against
    /// command names exactly, so a run of `labelstudio convert ...` parses the same with only `convert` built; building
    /// (and JIT-compiling) the other commands' options and actions is startup time a conversion does not need. Anything
    /// else (no arguments, --help, a typo, a response file) gets every command, for help and error messages.
    /// </summary>
    internal static string? CommandNamed(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        foreach (var command in CommandCatalog.All)
        {
            if (string.Equals(command.Name, args[0], StringComparison.Ordinal))
            {
                return command.Name;
            }
        }

        return null;
    }

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Success;
        }
    }

    /// <summary>The informational version `--version` prints, without the source revision suffix.</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }
}
