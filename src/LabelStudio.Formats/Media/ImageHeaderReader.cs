using System.Buffers.Binary;
using System.Globalization;

namespace LabelStudio.Formats.Media;

/// <summary>
/// Reads an image's format and pixel size from its header, without decoding pixels: PNG (IHDR), JPEG (the first
/// SOF segment), GIF (logical screen), BMP (core and info headers) and WebP (VP8, VP8L, VP8X). Only the bytes up to
/// the size field are read (for JPEG, segments before the frame header are skipped).
/// </summary>
/// <remarks>
/// The size is the stored one: a JPEG's EXIF orientation is not applied, as in the official converter (PIL's size).
/// Hand-written rather than a metadata library: five fixed layouts, read from attacker-supplied files, in the core
/// package that must stay small and AOT-compatible.
/// </remarks>
public static class ImageHeaderReader
{
    private const int HeadLength = 30;

    /// <summary>Reads the format and pixel size from the start of <paramref name="stream"/>.</summary>
    /// <param name="stream">The image content, positioned at its first byte. It is read, not disposed.</param>
    /// <param name="reference">The reference the stream came from, to name it in errors (redacted); optional.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The format, width and height.</returns>
    /// <exception cref="MediaException">
    /// Reason <see cref="MediaErrorReason.InvalidImage"/>: not one of the five formats, truncated, or a zero or
    /// negative size; the message names the byte offset and what was expected there.
    /// </exception>
    public static async Task<ImageHeaderInfo> ReadAsync(Stream stream, string? reference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[HeadLength];
        var count = await stream.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (count >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            var reader = new JpegReader(stream, head, count, reference);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        return ReadFixed(head.AsSpan(0, count), reference);
    }

    private static ImageHeaderInfo ReadFixed(ReadOnlySpan<byte> head, string? reference)
    {
        ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (head.StartsWith(png))
        {
            Require(head, 24, ImageFormat.Png, "an IHDR chunk with width and height", reference);
            if (!head.Slice(12, 4).SequenceEqual("IHDR"u8))
            {
                throw Invalid(reference, 12, "the IHDR chunk type (the first chunk of a PNG)");
            }

            return Checked(ImageFormat.Png, BinaryPrimitives.ReadUInt32BigEndian(head[16..]), BinaryPrimitives.ReadUInt32BigEndian(head[20..]), 16, reference);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            Require(head, 10, ImageFormat.Gif, "the logical screen width and height", reference);
            return Checked(ImageFormat.Gif, BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]), 6, reference);
        }

        if (head.StartsWith("BM"u8))
        {
            return ReadBmp(head, reference);
        }

        if (head.StartsWith("RIFF"u8) && head.Length >= 12 && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ReadWebP(head, reference);
        }

        throw Invalid(reference, 0, "a PNG, JPEG, GIF, BMP or WebP signature");
    }

    private static ImageHeaderInfo ReadBmp(ReadOnlySpan<byte> head, string? reference)
    {
        Require(head, 18, ImageFormat.Bmp, "the DIB header size", reference);
        var dibSize = BinaryPrimitives.ReadUInt32LittleEndian(head[14..]);
        if (dibSize == 12)
        {
            // BITMAPCOREHEADER: 16-bit unsigned width and height.
            Require(head, 22, ImageFormat.Bmp, "the core header's width and height", reference);
            return Checked(ImageFormat.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(head[18..]), BinaryPrimitives.ReadUInt16LittleEndian(head[20..]), 18, reference);
        }

        if (dibSize < 40)
        {
            throw Invalid(reference, 14, $"a DIB header size of 12 or at least 40 (found {dibSize})");
        }

        Require(head, 26, ImageFormat.Bmp, "the info header's width and height", reference);
        var width = BinaryPrimitives.ReadInt32LittleEndian(head[18..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(head[22..]);

        // A negative height marks a top-down bitmap; its size is the absolute value.
        long absHeight = height == int.MinValue ? (long)int.MaxValue + 1 : Math.Abs(height);
        return Checked(ImageFormat.Bmp, width < 0 ? 0 : width, absHeight, 18, reference);
    }

    private static ImageHeaderInfo ReadWebP(ReadOnlySpan<byte> head, string? reference)
    {
        Require(head, 16, ImageFormat.WebP, "the first chunk's type", reference);
        var chunk = head.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            Require(head, 30, ImageFormat.WebP, "the VP8 frame header", reference);
            if (head[23] != 0x9D || head[24] != 0x01 || head[25] != 0x2A)
            {
                throw Invalid(reference, 23, "the VP8 key-frame start code 9D 01 2A");
            }

            // 14-bit dimensions; the top two bits are the scaling mode.
            return Checked(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF, 26, reference);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            Require(head, 25, ImageFormat.WebP, "the VP8L header", reference);
            if (head[20] != 0x2F)
            {
                throw Invalid(reference, 20, "the VP8L signature byte 0x2F");
            }

            // Two 14-bit fields holding width - 1 and height - 1, little-endian bit order.
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Checked(ImageFormat.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 21, reference);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            Require(head, 30, ImageFormat.WebP, "the VP8X canvas size", reference);

            // 24-bit canvas width - 1 and height - 1.
            var width = head[24] | (head[25] << 8) | (head[26] << 16);
            var height = head[27] | (head[28] << 8) | (head[29] << 16);
            return Checked(ImageFormat.WebP, (long)width + 1, (long)height + 1, 24, reference);
        }

        throw Invalid(reference, 12, "a VP8, VP8L or VP8X chunk");
    }

    private static void Require(ReadOnlySpan<byte> head, int length, ImageFormat format, string what, string? reference)
    {
        if (head.Length < length)
        {
            throw Invalid(reference, head.Length, $"{what} ({format} header truncated after {head.Length} bytes)");
        }
    }

    private static ImageHeaderInfo Checked(ImageFormat format, long width, long height, long offset, string? reference)
    {
        if (width < 1 || height < 1 || width > int.MaxValue || height > int.MaxValue)
        {
            throw Invalid(reference, offset, $"a positive {format} width and height (found {width} x {height})");
        }

        return new ImageHeaderInfo(format, (int)width, (int)height);
    }

    private static MediaException Invalid(string? reference, long offset, string expected) =>
        new(MediaErrorReason.InvalidImage, reference, string.Create(CultureInfo.InvariantCulture, $"Not a readable image header: expected {expected} at byte offset {offset}."));

    /// <summary>Walks JPEG segments up to the first frame header, skipping the others by their length.</summary>
    private sealed class JpegReader(Stream stream, byte[] head, int headCount, string? reference)
    {
        private readonly byte[] _buffer = new byte[4096];
        private int _position = 2; // after SOI, inside head
        private int _count;
        private bool _inHead = true;
        private long _offset = 2;

        public async Task<ImageHeaderInfo> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var markerOffset = _offset;
                var b = await NextAsync(cancellationToken).ConfigureAwait(false);
                if (b != 0xFF)
                {
                    throw b < 0
                        ? Invalid(reference, markerOffset, "a JPEG marker before the end of the data (no frame header found)")
                        : Invalid(reference, markerOffset, $"a JPEG marker (0xFF), found 0x{b:X2}");
                }

                int marker;
                do
                {
                    marker = await NextAsync(cancellationToken).ConfigureAwait(false);
                }
                while (marker == 0xFF);

                if (marker < 0)
                {
                    throw Invalid(reference, _offset, "a JPEG marker code before the end of the data");
                }

                if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
                {
                    continue; // standalone markers carry no length
                }

                if (marker is 0xD9 or 0xDA)
                {
                    throw Invalid(reference, markerOffset, "a JPEG frame header (SOF) before the scan data or the end of the image");
                }

                var lengthOffset = _offset;
                var hi = await NextAsync(cancellationToken).ConfigureAwait(false);
                var lo = await NextAsync(cancellationToken).ConfigureAwait(false);
                if (lo < 0)
                {
                    throw Invalid(reference, lengthOffset, "a JPEG segment length before the end of the data");
                }

                var length = (hi << 8) | lo;
                if (length < 2)
                {
                    throw Invalid(reference, lengthOffset, $"a JPEG segment length of at least 2 (found {length})");
                }

                if (IsStartOfFrame(marker))
                {
                    if (length < 8)
                    {
                        throw Invalid(reference, lengthOffset, $"a JPEG frame header of at least 8 bytes (found {length})");
                    }

                    var fields = new int[5];
                    for (var i = 0; i < fields.Length; i++)
                    {
                        fields[i] = await NextAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (fields[4] < 0)
                    {
                        throw Invalid(reference, _offset, "the JPEG frame header's height and width (truncated)");
                    }

                    var height = (fields[1] << 8) | fields[2];
                    var width = (fields[3] << 8) | fields[4];
                    if (height == 0)
                    {
                        throw Invalid(reference, lengthOffset + 3, "a JPEG frame height (0 means the height is defined later by a DNL segment, which is not supported)");
                    }

                    return Checked(ImageFormat.Jpeg, width, height, lengthOffset + 3, reference);
                }

                if (!await SkipAsync(length - 2, cancellationToken).ConfigureAwait(false))
                {
                    throw Invalid(reference, _offset, string.Create(CultureInfo.InvariantCulture, $"the rest of a {length}-byte JPEG segment starting at byte offset {lengthOffset} (truncated)"));
                }
            }
        }

        private static bool IsStartOfFrame(int marker) =>
            marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

        private async ValueTask<int> NextAsync(CancellationToken cancellationToken)
        {
            if (_inHead)
            {
                if (_position < headCount)
                {
                    _offset++;
                    return head[_position++];
                }

                _inHead = false;
                _position = 0;
                _count = 0;
            }

            if (_position >= _count)
            {
                _count = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_count == 0)
                {
                    return -1;
                }
            }

            _offset++;
            return _buffer[_position++];
        }

        private async ValueTask<bool> SkipAsync(int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_inHead)
                {
                    var inHead = Math.Min(headCount - _position, count);
                    if (inHead > 0)
                    {
                        _position += inHead;
                        _offset += inHead;
                        count -= inHead;
                        continue;
                    }

                    _inHead = false;
                    _position = 0;
                    _count = 0;
                }

                if (_position >= _count && stream.CanSeek)
                {
                    // Nothing buffered: a seekable stream (a local file) jumps over the rest of the segment.
                    var available = stream.Length - stream.Position;
                    var jump = Math.Min(available, count);
                    stream.Seek(jump, SeekOrigin.Current);
                    _offset += jump;
                    return jump == count;
                }

                if (_position >= _count)
                {
                    _count = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                    _position = 0;
                    if (_count == 0)
                    {
                        return false;
                    }
                }

                var take = Math.Min(_count - _position, count);
                _position += take;
                _offset += take;
                count -= take;
            }

            return true;
        }
    }
}
