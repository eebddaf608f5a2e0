namespace LabelStudio.Config.Validation;

/// <summary>Thrown by <see cref="LabelConfig.Parse(string, LabelConfigOptions?)"/> when a config has errors; carries every diagnostic.</summary>
public sealed class LabelConfigException : Exception
{
    /// <summary>Creates the exception with no diagnostics.</summary>
    public LabelConfigException()
        : this("The labeling config is invalid.")
    {
    }

    /// <summary>Creates the exception with a message and no diagnostics.</summary>
    public LabelConfigException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public LabelConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception from the diagnostics of a failed parse.</summary>
    public LabelConfigException(IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic of the parse, errors and warnings, in document order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        var lines = errors.Take(20).Select(d => "  " + d.ToString());
        var more = errors.Count > 20 ? $"{Environment.NewLine}  ... and {errors.Count - 20} more" : string.Empty;
        return $"The labeling config has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
