namespace LabelStudio.Formats.Validation;

/// <summary>What <see cref="TaskValidator"/> checks.</summary>
public sealed class TaskValidationOptions
{
    /// <summary>Check that <c>task.data</c> holds every key the config needs. Default true.</summary>
    public bool ValidateData { get; set; } = true;

    /// <summary>Check annotations. Default true.</summary>
    public bool ValidateAnnotations { get; set; } = true;

    /// <summary>Check predictions. Default true.</summary>
    public bool ValidatePredictions { get; set; } = true;

    /// <summary>Check drafts. Default false (drafts are work in progress).</summary>
    public bool ValidateDrafts { get; set; }

    /// <summary>Report image regions without <c>original_width</c>/<c>original_height</c> (warning <see cref="ValidationCodes.MissingImageSize"/>). Default true.</summary>
    public bool RequireImageSize { get; set; } = true;

    /// <summary>Report labels regions with no label (warning <see cref="ValidationCodes.EmptyLabels"/>). Default true.</summary>
    public bool ReportEmptyLabels { get; set; } = true;

    /// <summary>How many diagnostics a <see cref="ValidationSummary"/> keeps (all are counted). Default 1000.</summary>
    public int MaxSummaryDiagnostics { get; set; } = 1000;
}
