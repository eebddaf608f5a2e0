namespace LabelStudio.Formats.Geometry;

/// <summary>A point in whatever space the caller works in (Label Studio percent, pixels or normalized 0-1), y down.</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate (down on screen).</param>
public readonly record struct Point2(double X, double Y);
