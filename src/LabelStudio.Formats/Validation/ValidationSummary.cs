namespace LabelStudio.Formats.Validation;

/// <summary>Totals of a validation run over many tasks (<see cref="TaskValidator.ValidateExportAsync"/>).</summary>
public sealed class ValidationSummary
{
    internal ValidationSummary(long tasks, long annotations, long predictions, long results, long errors, long warnings,
        IReadOnlyDictionary<string, long> countsByCode, IReadOnlyList<ValidationDiagnostic> diagnostics, bool truncated)
    {
        TaskCount = tasks;
        AnnotationCount = annotations;
        PredictionCount = predictions;
        ResultCount = results;
        ErrorCount = errors;
        WarningCount = warnings;
        CountsByCode = countsByCode;
        Diagnostics = diagnostics;
        IsTruncated = truncated;
    }

    /// <summary>Tasks checked.</summary>
    public long TaskCount { get; }

    /// <summary>Annotations checked (0 when <see cref="TaskValidationOptions.ValidateAnnotations"/> is off).</summary>
    public long AnnotationCount { get; }

    /// <summary>Predictions checked (0 when <see cref="TaskValidationOptions.ValidatePredictions"/> is off).</summary>
    public long PredictionCount { get; }

    /// <summary>
    /// Results checked: those of the annotations, predictions and drafts the options switched on (drafts are off by
    /// default). <see cref="TaskValidator.Summarize"/>, which does not know the options, counts annotations and
    /// predictions.
    /// </summary>
    public long ResultCount { get; }

    /// <summary>Errors found.</summary>
    public long ErrorCount { get; }

    /// <summary>Warnings found.</summary>
    public long WarningCount { get; }

    /// <summary>True when no error was found.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>How many diagnostics of each code were found.</summary>
    public IReadOnlyDictionary<string, long> CountsByCode { get; }

    /// <summary>The first <see cref="TaskValidationOptions.MaxSummaryDiagnostics"/> diagnostics, in order.</summary>
    public IReadOnlyList<ValidationDiagnostic> Diagnostics { get; }

    /// <summary>True when more diagnostics were found than <see cref="Diagnostics"/> holds.</summary>
    public bool IsTruncated { get; }
}
