namespace LabelStudio.Host.Tests;

/// <summary>The outcome of one in-process `labelstudio` run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the CLI in-process with captured output, a given environment and working directory.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(
        string[] args,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? variables = null,
        string? workingDirectory = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            OpenStandardInput = () => new StringReader(standardInput ?? string.Empty),
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        var exitCode = await Cli.RunAsync(args, environment);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
