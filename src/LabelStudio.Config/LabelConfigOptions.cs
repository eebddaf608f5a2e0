using LabelStudio.Config.Validation;

namespace LabelStudio.Config;

/// <summary>How strictly a labeling config is parsed, and the safety limits applied before and during parsing.</summary>
public sealed class LabelConfigOptions
{
    /// <summary>The default <see cref="MaxLength"/>: 10 million characters, 20 times the largest realistic config.</summary>
    public const int DefaultMaxLength = 10_000_000;

    /// <summary>The default <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 128;

    /// <summary>Shared default options.</summary>
    public static LabelConfigOptions Default { get; } = new();

    /// <summary>
    /// Severity of tags the catalog does not know. <see cref="DiagnosticSeverity.Error"/> by default, as the editor refuses them;
    /// use <see cref="DiagnosticSeverity.Warning"/> for configs written for a newer Label Studio.
    /// </summary>
    public DiagnosticSeverity UnknownTagSeverity { get; init; } = DiagnosticSeverity.Error;

    /// <summary>The longest config accepted, in characters; longer input yields <see cref="DiagnosticCodes.InputTooLarge"/> without parsing.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary>The deepest element nesting accepted (root = 1); deeper input yields <see cref="DiagnosticCodes.NestingTooDeep"/>.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;
}
