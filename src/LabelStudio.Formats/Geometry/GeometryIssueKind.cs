namespace LabelStudio.Formats.Geometry;

/// <summary>What is wrong with a coordinate.</summary>
public enum GeometryIssueKind
{
    /// <summary>NaN or infinite.</summary>
    NotFinite,

    /// <summary>Outside its allowed range (percent outside 0-100, rotation outside [0, 360), radius above 50).</summary>
    OutOfRange,

    /// <summary>A negative width, height or radius (boxes drawn upwards or leftwards by old Label Studio versions).</summary>
    NegativeSize,

    /// <summary>The shape reaches outside the image (its right or bottom edge, or a rotated corner).</summary>
    OutsideImage,

    /// <summary>A polygon with fewer than 3 points.</summary>
    TooFewPoints,
}
