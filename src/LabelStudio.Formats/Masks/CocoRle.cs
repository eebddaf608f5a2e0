using System.Text;

namespace LabelStudio.Formats.Masks;

/// <summary>
/// A COCO run-length encoded mask (<c>{"size": [h, w], "counts": ...}</c>) as pycocotools defines it:
/// runs taken in column-major (Fortran) order, alternating background and foreground, starting with
/// background (so the first count may be 0).
/// </summary>
/// <remarks>
/// <c>counts</c> is either a list of integers (uncompressed, <c>iscrowd</c> annotations in COCO files)
/// or the compressed string of pycocotools (<see cref="ToCompressedString"/>, <see cref="FromCompressedString"/>).
/// </remarks>
public sealed class CocoRle
{
    private readonly int[] _counts;

    /// <summary>Creates an RLE from its counts, checking they are non-negative and cover height x width pixels.</summary>
    /// <param name="height">Mask height (first item of COCO's <c>size</c>).</param>
    /// <param name="width">Mask width (second item of COCO's <c>size</c>).</param>
    /// <param name="counts">Run lengths, background first, column-major.</param>
    /// <exception cref="RleFormatException">A count is negative or the counts do not add up to height x width; the message names the index.</exception>
    public CocoRle(int height, int width, ReadOnlySpan<int> counts)
    {
        Mask.CheckedLength(width, height);
        Height = height;
        Width = width;
        _counts = counts.ToArray();
        var total = 0L;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] < 0)
            {
                throw new RleFormatException($"COCO RLE count {i} is {_counts[i]}; counts are non-negative.", i, null);
            }

            total += _counts[i];
        }

        if (total != (long)height * width)
        {
            throw new RleFormatException(
                $"COCO RLE counts add up to {total} pixels; size [{height}, {width}] needs {(long)height * width}.", _counts.Length, null);
        }
    }

    /// <summary>Mask height in pixels.</summary>
    public int Height { get; }

    /// <summary>Mask width in pixels.</summary>
    public int Width { get; }

    /// <summary>Run lengths: background, foreground, background, ... in column-major order.</summary>
    public ReadOnlySpan<int> Counts => _counts;

    /// <summary>Number of foreground pixels (pycocotools <c>area</c>).</summary>
    public long Area
    {
        get
        {
            var area = 0L;
            for (var i = 1; i < _counts.Length; i += 2)
            {
                area += _counts[i];
            }

            return area;
        }
    }

    /// <summary>Encodes a mask: every non-zero pixel is foreground.</summary>
    /// <param name="mask">The mask (row-major, as everywhere else in this library).</param>
    /// <returns>The RLE.</returns>
    public static CocoRle FromMask(Mask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var pixels = mask.Pixels;
        var width = mask.Width;
        var height = mask.Height;
        var counts = new List<int>();
        var current = false;
        var run = 0;
        for (var x = 0; x < width; x++)
        {
            for (var index = x; index < pixels.Length; index += width)
            {
                var on = pixels[index] != 0;
                if (on != current)
                {
                    counts.Add(run);
                    run = 0;
                    current = on;
                }

                run++;
            }
        }

        counts.Add(run);
        return new CocoRle(height, width, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(counts));
    }

    /// <summary>Decodes to a row-major mask.</summary>
    /// <param name="foreground">Value written for foreground pixels (pycocotools uses 1, Label Studio brush masks 255).</param>
    /// <returns>The mask.</returns>
    public Mask ToMask(byte foreground)
    {
        var mask = new Mask(Width, Height);
        var pixels = mask.Pixels;
        var position = 0L;
        for (var i = 0; i < _counts.Length; i++)
        {
            var end = position + _counts[i];
            if ((i & 1) == 1)
            {
                for (var p = position; p < end; p++)
                {
                    var x = (int)(p / Height);
                    var y = (int)(p - ((long)x * Height));
                    pixels[(y * Width) + x] = foreground;
                }
            }

            position = end;
        }

        return mask;
    }

    /// <summary>
    /// The enclosing box of the foreground as pycocotools <c>toBbox</c> gives it: <c>[x, y, width, height]</c>
    /// in pixels, all zero for an empty mask.
    /// </summary>
    /// <returns>The box.</returns>
    public Geometry.AxisAlignedBox GetBoundingBox()
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        var position = 0L;
        for (var i = 0; i < _counts.Length; i++)
        {
            var end = position + _counts[i];
            if ((i & 1) == 1 && end > position)
            {
                var firstColumn = (int)(position / Height);
                var lastColumn = (int)((end - 1) / Height);
                var firstRow = (int)(position % Height);
                var lastRow = (int)((end - 1) % Height);
                minX = Math.Min(minX, firstColumn);
                maxX = Math.Max(maxX, lastColumn);
                if (firstColumn == lastColumn)
                {
                    minY = Math.Min(minY, firstRow);
                    maxY = Math.Max(maxY, lastRow);
                }
                else
                {
                    // The run wraps through at least one column end and one column start.
                    minY = 0;
                    maxY = Height - 1;
                }
            }

            position = end;
        }

        return maxX < 0 ? default : new Geometry.AxisAlignedBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /// <summary>
    /// The compressed <c>counts</c> string of pycocotools (<c>rleToString</c>): each count, after the
    /// third minus the count two places before, in 5-bit groups with a continuation bit, offset by 48.
    /// </summary>
    /// <returns>The ASCII string.</returns>
    public string ToCompressedString()
    {
        var builder = new StringBuilder(_counts.Length * 2);
        for (var i = 0; i < _counts.Length; i++)
        {
            long x = _counts[i];
            if (i > 2)
            {
                x -= _counts[i - 2];
            }

            var more = true;
            while (more)
            {
                var c = (int)(x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more)
                {
                    c |= 0x20;
                }

                builder.Append((char)(c + 48));
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses the compressed <c>counts</c> string of pycocotools (<c>rleFrString</c>).</summary>
    /// <param name="counts">The string.</param>
    /// <param name="height">Mask height (<c>size[0]</c>).</param>
    /// <param name="width">Mask width (<c>size[1]</c>).</param>
    /// <returns>The RLE.</returns>
    /// <exception cref="RleFormatException">A character is outside '0'..'o', the string ends inside a count, a count is negative or the counts do not cover the mask; the message names the character index.</exception>
    public static CocoRle FromCompressedString(string counts, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var values = new List<int>();
        var p = 0;
        while (p < counts.Length)
        {
            var start = p;
            long x = 0;
            var k = 0;
            var more = true;
            while (more)
            {
                if (p >= counts.Length)
                {
                    throw new RleFormatException(
                        $"COCO RLE string ends inside the count that starts at character {start}.", p, null);
                }

                var c = counts[p] - 48;
                if (c is < 0 or > 63)
                {
                    throw new RleFormatException(
                        $"COCO RLE string has '{counts[p]}' at character {p}; expected a character from '0' to 'o'.", p, null);
                }

                if (k > 12)
                {
                    throw new RleFormatException($"COCO RLE count starting at character {start} is too long.", start, null);
                }

                x |= (long)(c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0)
                {
                    x |= -1L << (5 * k);
                }
            }

            if (values.Count > 2)
            {
                x += values[^2];
            }

            if (x is < 0 or > int.MaxValue)
            {
                throw new RleFormatException(
                    $"COCO RLE count {values.Count} (character {start}) decodes to {x}; counts are 0..{int.MaxValue}.", start, null);
            }

            values.Add((int)x);
        }

        return new CocoRle(height, width, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
    }
}
