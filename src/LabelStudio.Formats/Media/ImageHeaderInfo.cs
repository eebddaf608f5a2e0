namespace LabelStudio.Formats.Media;

/// <summary>The format and pixel size read from an image header.</summary>
/// <param name="Format">The image format.</param>
/// <param name="Width">The width in pixels (at least 1).</param>
/// <param name="Height">The height in pixels (at least 1).</param>
public readonly record struct ImageHeaderInfo(ImageFormat Format, int Width, int Height);
