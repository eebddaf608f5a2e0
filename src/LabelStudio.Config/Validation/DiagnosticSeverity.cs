namespace LabelStudio.Config.Validation;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; the config works as written.</summary>
    Warning = 1,

    /// <summary>Label Studio (server, SDK or editor) rejects or mis-renders the config.</summary>
    Error = 2,
}
