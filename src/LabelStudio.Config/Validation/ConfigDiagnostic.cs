using System.Globalization;

namespace LabelStudio.Config.Validation;

/// <summary>One problem found in a labeling config, with a stable code and the place it was found.</summary>
public sealed class ConfigDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="code">The stable code, for example <c>LSC0023</c> (see <see cref="DiagnosticCodes"/>).</param>
    /// <param name="severity">Error or warning.</param>
    /// <param name="line">1-based line, or 0 when the problem concerns the whole input.</param>
    /// <param name="column">1-based column, or 0 when the problem concerns the whole input.</param>
    /// <param name="path">Element path such as <c>/View/Choices[@name='c']</c>; empty for the whole input.</param>
    /// <param name="message">What is wrong, naming the tag and attribute.</param>
    /// <param name="hint">How to fix it, or null.</param>
    public ConfigDiagnostic(string code, DiagnosticSeverity severity, int line, int column, string path, string message, string? hint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(message);
        Code = code;
        Severity = severity;
        Line = line;
        Column = column;
        Path = path;
        Message = message;
        Hint = hint;
    }

    /// <summary>The stable code (<c>LSC####</c>); see <see cref="DiagnosticCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Error or warning.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>1-based line of the element (or of the syntax error); 0 when the problem concerns the whole input.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 when the problem concerns the whole input.</summary>
    public int Column { get; }

    /// <summary>Element path, for example <c>/View/Choices[@name='c']/Choice[2]</c>; empty when there is no element.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>How to fix it ("did you mean ..."), or null.</summary>
    public string? Hint { get; }

    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Compiler-style text: <c>file(line,col): error LSC0001: message</c>, the hint appended in parentheses.</summary>
    /// <param name="fileName">The file name to put first; may be empty.</param>
    public string Format(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var hint = Hint is null ? string.Empty : " (" + Hint + ")";
        return string.Create(CultureInfo.InvariantCulture, $"{fileName}({Line},{Column}): {severity} {Code}: {Message}{hint}");
    }

    /// <inheritdoc />
    public override string ToString() => Format(string.Empty);
}
