namespace LabelStudio.Formats.Masks;

/// <summary>A pixel position: column <paramref name="X"/>, row <paramref name="Y"/> (0-based, y down).</summary>
/// <param name="X">Column.</param>
/// <param name="Y">Row.</param>
public readonly record struct PixelPoint(int X, int Y);
