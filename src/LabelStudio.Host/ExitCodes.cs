namespace LabelStudio.Host;

/// <summary>The exit codes every `labelstudio` command uses. Scripts rely on them: never change their meaning.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input was invalid or the operation failed (for example a config with errors).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong, or a file could not be read or written.</summary>
    public const int UsageOrIoError = 2;
}
