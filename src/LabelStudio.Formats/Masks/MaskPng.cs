using StbImageSharp;
using StbImageWriteSharp;

namespace LabelStudio.Formats.Masks;

/// <summary>
/// PNG for masks, as BRUSH_TO_PNG writes them: 8-bit greyscale, one byte per pixel. Encoding and
/// decoding go through StbImageWriteSharp / StbImageSharp (ports of stb_image_write / stb_image).
/// </summary>
/// <remarks>Compare PNGs by pixels, not bytes: zlib settings differ between libraries.</remarks>
public static class MaskPng
{
    /// <summary>Largest image <see cref="Read(Stream)"/> decodes: 2^28 pixels (about 16 000 x 16 000), against decompression bombs.</summary>
    public const long MaxPixelCount = 1L << 28;

    /// <summary>Largest encoded image <see cref="Read(Stream)"/> buffers: 512 MiB.</summary>
    public const int MaxEncodedLength = 512 << 20;

    /// <summary>Writes the mask as an 8-bit greyscale PNG.</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="destination">Where the PNG goes.</param>
    public static void Write(Mask mask, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(destination);
        new ImageWriter().WritePng(mask.Array, mask.Width, mask.Height, StbImageWriteSharp.ColorComponents.Grey, destination);
    }

    /// <summary>Writes the mask as a PNG file; the file appears only once it is complete (written beside it, then moved).</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void Save(Mask mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        MaskFiles.WriteAtomically(path, stream => Write(mask, stream));
    }

    /// <summary>
    /// Reads a PNG (or another format stb_image reads: JPEG, BMP, ...) as a greyscale mask. Colour images
    /// are reduced to grey by stb_image's luminance rule; a greyscale PNG comes back unchanged.
    /// </summary>
    /// <param name="source">The image bytes.</param>
    /// <returns>The mask.</returns>
    /// <exception cref="InvalidDataException">The data is not a readable image, or it has more than <see cref="MaxPixelCount"/> pixels.</exception>
    public static Mask Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk)) > 0)
        {
            // A mask PNG of MaxPixelCount pixels never comes near this; refuse to buffer endless streams.
            if (buffer.Length + read > MaxEncodedLength)
            {
                throw new InvalidDataException($"The image stream exceeds {MaxEncodedLength} bytes, the most a mask image may take.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.ToArray());
    }

    /// <summary>Reads an image held in memory as a greyscale mask; see <see cref="Read(Stream)"/>.</summary>
    /// <param name="image">The image bytes.</param>
    /// <returns>The mask.</returns>
    /// <exception cref="InvalidDataException">The data is not a readable image, or it is too large.</exception>
    public static Mask Read(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ImageInfo? info;
        using (var header = new MemoryStream(image, writable: false))
        {
            info = ImageInfo.FromStream(header);
        }

        if (info is not { } size || size.Width <= 0 || size.Height <= 0)
        {
            throw new InvalidDataException($"Not a readable image ({image.Length} bytes): the header was not recognised.");
        }

        if ((long)size.Width * size.Height > MaxPixelCount)
        {
            throw new InvalidDataException($"Image of {size.Width}x{size.Height} pixels exceeds the {MaxPixelCount} pixels allowed for a mask.");
        }

        ImageResult result;
        try
        {
            result = ImageResult.FromMemory(image, StbImageSharp.ColorComponents.Grey);
        }
#pragma warning disable CA1031 // stb_image reports every decoding failure as a bare Exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new InvalidDataException($"Not a readable image ({image.Length} bytes): {ex.Message}", ex);
        }

        return new Mask(result.Width, result.Height, result.Data);
    }
}
