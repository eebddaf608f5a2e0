using System.Buffers.Binary;
using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// The number of bands (channels) Pillow reports for an image (<c>len(img.getbands())</c>), which the official VOC
/// exporter writes as <c>depth</c>: read from the header only. Palette, grey and bilevel images have one band;
/// grey+alpha two; RGB and YCbCr three; RGBA and CMYK four.
/// </summary>
internal static class ImageBands
{
    private const int MaxJpegScan = 1 << 20;

    public static async Task<int?> ReadAsync(Stream stream, ImageFormat format, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        var count = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var span = head.AsSpan(0, count);
        return format switch
        {
            ImageFormat.Png when count > 25 => span[25] switch
            {
                0 or 3 => 1,
                2 => 3,
                4 => 2,
                6 => 4,
                _ => null,
            },
            ImageFormat.Gif => 1,
            ImageFormat.Bmp when count >= 30 => BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) switch
            {
                <= 8 => 1,
                _ => 3,
            },
            ImageFormat.WebP => WebPBands(span),
            ImageFormat.Jpeg => await JpegComponentsAsync(stream, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
    }

    private static int? WebPBands(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
        {
            return null;
        }

        var chunk = head.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (head[20] & 0x10) != 0 ? 4 : 3;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // The alpha_is_used bit follows the signature byte and the two 14-bit sizes.
            return (head[24] & 0x10) != 0 ? 4 : 3;
        }

        return 3;
    }

    private static async Task<int?> JpegComponentsAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 2;
        var marker = new byte[4];
        var scanned = 2L;
        while (scanned < MaxJpegScan)
        {
            if (await stream.ReadAtLeastAsync(marker, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < 4 || marker[0] != 0xFF)
            {
                return null;
            }

            var type = marker[1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(marker.AsSpan(2));
            if (type is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var frame = new byte[6];
                if (await stream.ReadAtLeastAsync(frame, 6, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < 6)
                {
                    return null;
                }

                // precision(1) height(2) width(2) components(1)
                return frame[5] switch
                {
                    1 => 1,
                    3 => 3,
                    4 => 4,
                    _ => null,
                };
            }

            if (length < 2)
            {
                return null;
            }

            stream.Seek(length - 2, SeekOrigin.Current);
            scanned += 2 + length;
        }

        return null;
    }
}
