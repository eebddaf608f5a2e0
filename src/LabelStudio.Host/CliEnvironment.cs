namespace LabelStudio.Host;

/// <summary>
/// What a command sees of the outside world: its output streams, standard input, environment variables
/// and the working directory. Tests run the CLI in-process with their own writers and variables.
/// </summary>
internal sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<TextReader> OpenStandardInput { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>True when standard error is an interactive terminal, so progress bars may be drawn there.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>True when standard output is an interactive terminal, so tables may use colours and its width.</summary>
    public bool OutIsTerminal { get; init; }

    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = () => Console.In,
        GetVariable = Environment.GetEnvironmentVariable,
        WorkingDirectory = Environment.CurrentDirectory,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        OutIsTerminal = !Console.IsOutputRedirected,
    };

    /// <summary>Resolves a path given on the command line against the working directory.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
