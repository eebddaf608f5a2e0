namespace LabelStudio.Formats.Conversion;

/// <summary>What a converter left out, or what it wants the user to know.</summary>
public enum ConversionIssueKind
{
    /// <summary>A whole task was not written.</summary>
    DroppedTask,

    /// <summary>An annotation or prediction was not written.</summary>
    DroppedAnnotation,

    /// <summary>One region (result) was not written.</summary>
    DroppedRegion,

    /// <summary>Written, but changed or doubtful (for example a coordinate outside the image, kept as it was).</summary>
    Warning,
}
