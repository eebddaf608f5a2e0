namespace LabelStudio.Formats.Media;

/// <summary>Image formats whose pixel size <see cref="ImageHeaderReader"/> reads from the header.</summary>
public enum ImageFormat
{
    /// <summary>Portable Network Graphics.</summary>
    Png,

    /// <summary>JPEG (baseline, progressive, lossless and arithmetic-coded frames).</summary>
    Jpeg,

    /// <summary>Graphics Interchange Format (the logical screen size, as browsers report it).</summary>
    Gif,

    /// <summary>Windows bitmap (core and info headers; top-down bitmaps report a positive height).</summary>
    Bmp,

    /// <summary>WebP (lossy <c>VP8</c>, lossless <c>VP8L</c> and extended <c>VP8X</c>).</summary>
    WebP,
}
