namespace LabelStudio.Config.Validation;

/// <summary>The outcome of <see cref="LabelConfig.Validate(string, LabelConfigOptions?)"/>: every diagnostic, errors first by position.</summary>
public sealed class ConfigValidationResult
{
    internal ConfigValidationResult(IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        Diagnostics = diagnostics;
        IsValid = !diagnostics.Any(d => d.IsError);
    }

    /// <summary>True when no diagnostic is an error (warnings allowed).</summary>
    public bool IsValid { get; }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <summary>The errors only.</summary>
    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The warnings only.</summary>
    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
