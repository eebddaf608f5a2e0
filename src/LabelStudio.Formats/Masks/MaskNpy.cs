using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelStudio.Formats.Masks;

/// <summary>
/// NumPy <c>.npy</c> files for masks, as BRUSH_TO_NUMPY writes them with <c>np.save</c>: format 1.0,
/// dtype <c>|u1</c>, shape (height, width), C order. <see cref="Write"/> produces the same bytes as <c>np.save</c>.
/// </summary>
public static partial class MaskNpy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes the mask as a <c>.npy</c> file body (uint8, shape (height, width)).</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="destination">Where the bytes go.</param>
    public static void Write(Mask mask, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(destination);
        var dictionary = string.Create(
            CultureInfo.InvariantCulture,
            $"{{'descr': '|u1', 'fortran_order': False, 'shape': ({mask.Height}, {mask.Width}), }}");

        // np.save pads the header with spaces and a final newline so that data starts on a 64-byte
        // boundary, always adding at least one space (64 when already aligned).
        var unpadded = Magic.Length + 2 + 2 + dictionary.Length + 1;
        var padding = 64 - (unpadded % 64);
        var header = dictionary + new string(' ', padding) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.Length);
        destination.Write(prefix);
        destination.Write(Encoding.ASCII.GetBytes(header));
        destination.Write(mask.Pixels);
    }

    /// <summary>Writes the mask as a <c>.npy</c> file; the file appears only once it is complete.</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void Save(Mask mask, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        MaskFiles.WriteAtomically(path, stream => Write(mask, stream));
    }

    /// <summary>
    /// Reads a two-dimensional uint8 (or bool) array from a <c>.npy</c> file (format 1.x, 2.x or 3.x,
    /// C or Fortran order) as a mask of width = shape[1], height = shape[0].
    /// </summary>
    /// <param name="source">The file's bytes.</param>
    /// <returns>The mask.</returns>
    /// <exception cref="InvalidDataException">Not a <c>.npy</c> file, another dtype or rank, or truncated; the message names the byte offset.</exception>
    public static Mask Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> prefix = stackalloc byte[12];
        ReadExactly(source, prefix[..8], 0, "the magic string and version");
        if (!prefix[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a .npy file: byte 0 does not start with the magic string \\x93NUMPY.");
        }

        int headerLength;
        int dataOffset;
        switch (prefix[6])
        {
            case 1:
                ReadExactly(source, prefix.Slice(8, 2), 8, "the header length");
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
                dataOffset = 10 + headerLength;
                break;
            case 2 or 3:
                ReadExactly(source, prefix.Slice(8, 4), 8, "the header length");
                var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
                if (length > 1 << 20)
                {
                    throw new InvalidDataException($"The .npy header at byte 8 declares {length} bytes; at most 1 MiB is accepted.");
                }

                headerLength = (int)length;
                dataOffset = 12 + headerLength;
                break;
            default:
                throw new InvalidDataException($"The .npy format version {prefix[6]}.{prefix[7]} at byte 6 is not supported (1.x, 2.x, 3.x are).");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(source, headerBytes, dataOffset - headerLength, "the header");
        var header = Encoding.Latin1.GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw new InvalidDataException($"The .npy header at byte {dataOffset - headerLength} lacks 'descr', 'fortran_order' or a two-dimensional 'shape': {header.Trim()}");
        }

        if (descr.Groups[1].Value is not ("|u1" or "u1" or "<u1" or ">u1" or "|b1" or "b1"))
        {
            throw new InvalidDataException($"The .npy array has dtype '{descr.Groups[1].Value}'; masks are uint8 ('|u1') or bool ('|b1').");
        }

        if (!int.TryParse(shape.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || !int.TryParse(shape.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || height <= 0 || width <= 0 || (long)height * width > MaskPng.MaxPixelCount)
        {
            throw new InvalidDataException($"The .npy shape ({shape.Groups[1].Value}, {shape.Groups[2].Value}) is not a mask size (positive, at most {MaskPng.MaxPixelCount} pixels).");
        }

        var data = new byte[height * width];
        ReadExactly(source, data, dataOffset, "the array data");
        if (order.Groups[1].Value == "True")
        {
            // Column-major on disk: transpose into the row-major layout of Mask.
            var rowMajor = new byte[data.Length];
            for (var x = 0; x < width; x++)
            {
                for (var y = 0; y < height; y++)
                {
                    rowMajor[(y * width) + x] = data[(x * height) + y];
                }
            }

            data = rowMajor;
        }

        return new Mask(width, height, data);
    }

    private static void ReadExactly(Stream source, Span<byte> buffer, long offset, string what)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = source.Read(buffer[total..]);
            if (read == 0)
            {
                throw new InvalidDataException($"The .npy file ends at byte {offset + total} inside {what} ({buffer.Length - total} more bytes expected).");
            }

            total += read;
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\)")]
    private static partial Regex ShapePattern();
}
