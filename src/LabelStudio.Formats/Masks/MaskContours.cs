namespace LabelStudio.Formats.Masks;

/// <summary>
/// Mask to polygons: the outer borders of the mask's regions, traced the way OpenCV's
/// <c>findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE)</c> does, which is what Label Studio's
/// BRUSH_TO_COCO export uses (Suzuki-Abe border following; regions are 8-connected, background
/// 4-connected; pixels outside the image count as background).
/// </summary>
public static class MaskContours
{
    // Padded-image cell states. Bit 0 set = foreground.
    private const byte Background = 0;
    private const byte Foreground = 1;
    private const byte ForegroundSeen = 3;
    private const byte Outside = 4;

    /// <summary>
    /// Finds the outer contour of every region not enclosed by another region (regions inside holes are
    /// skipped, as with RETR_EXTERNAL), in the order OpenCV returns them (the region met last in a
    /// row-by-row scan comes first).
    /// </summary>
    /// <param name="mask">The mask; every non-zero pixel is foreground.</param>
    /// <returns>The contours. Single pixels give one point, two-pixel lines two points.</returns>
    public static IReadOnlyList<Contour> FindExternal(Mask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var width = mask.Width;
        var height = mask.Height;
        var stride = width + 2;
        var cells = new byte[checked(stride * (height + 2))];
        var pixels = mask.Pixels;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            var target = cells.AsSpan(((y + 1) * stride) + 1, width);
            for (var x = 0; x < width; x++)
            {
                target[x] = row[x] != 0 ? Foreground : Background;
            }
        }

        var stack = new Stack<int>();
        MarkOutside(cells, stride, height + 2, stack);

        // Directions in OpenCV's chain-code order: E, NE, N, NW, W, SW, S, SE (counter-clockwise on screen).
        Span<int> deltas = [1, -stride + 1, -stride, -stride - 1, -1, stride - 1, stride, stride + 1];
        var found = new List<Contour>();
        var points = new List<PixelPoint>();
        for (var y = 1; y <= height; y++)
        {
            var rowStart = y * stride;
            for (var index = rowStart + 1; index <= rowStart + width; index++)
            {
                if (cells[index] != Foreground)
                {
                    continue;
                }

                // The first unseen pixel of a region in scan order: the cell above it belongs to the
                // background around the region, which is the outside unless the region sits in a hole.
                if (cells[index - stride] == Outside)
                {
                    points.Clear();
                    Trace(cells, deltas, index, stride, points);
                    found.Add(new Contour([.. points]));
                }

                MarkRegion(cells, stride, index, stack);
            }
        }

        found.Reverse();
        return found;
    }

    private static void Trace(byte[] cells, ReadOnlySpan<int> deltas, int start, int stride, List<PixelPoint> points)
    {
        // Clockwise from west for the first neighbour (i1).
        var s = 4;
        int i1;
        do
        {
            s = (s - 1) & 7;
            i1 = start + deltas[s];
        }
        while ((cells[i1] & 1) == 0 && s != 4);

        if (s == 4)
        {
            points.Add(ToPoint(start, stride));
            return;
        }

        var i3 = start;
        var previous = s ^ 4;
        while (true)
        {
            // Counter-clockwise from the direction after the one we came from.
            int i4;
            do
            {
                s = (s + 1) & 7;
                i4 = i3 + deltas[s];
            }
            while ((cells[i4] & 1) == 0);

            if (s != previous)
            {
                points.Add(ToPoint(i3, stride));
                previous = s;
            }

            if (i4 == start && i3 == i1)
            {
                return;
            }

            i3 = i4;
            s = (s + 4) & 7;
        }
    }

    private static PixelPoint ToPoint(int index, int stride) => new((index % stride) - 1, (index / stride) - 1);

    private static void MarkOutside(byte[] cells, int stride, int rows, Stack<int> stack)
    {
        // Background 4-connected to the padding frame is the outside.
        for (var x = 0; x < stride; x++)
        {
            Push(x);
            Push(((rows - 1) * stride) + x);
        }

        for (var y = 0; y < rows; y++)
        {
            Push(y * stride);
            Push((y * stride) + stride - 1);
        }

        while (stack.Count > 0)
        {
            var index = stack.Pop();
            var x = index % stride;
            if (x > 0)
            {
                Push(index - 1);
            }

            if (x < stride - 1)
            {
                Push(index + 1);
            }

            if (index >= stride)
            {
                Push(index - stride);
            }

            if (index + stride < cells.Length)
            {
                Push(index + stride);
            }
        }

        void Push(int index)
        {
            if (cells[index] == Background)
            {
                cells[index] = Outside;
                stack.Push(index);
            }
        }
    }

    private static void MarkRegion(byte[] cells, int stride, int start, Stack<int> stack)
    {
        // 8-connected flood fill; the padding frame is never foreground, so neighbours stay in range.
        cells[start] = ForegroundSeen;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            Visit(index + 1);
            Visit(index - 1);
            Visit(index + stride);
            Visit(index - stride);
            Visit(index + stride + 1);
            Visit(index + stride - 1);
            Visit(index - stride + 1);
            Visit(index - stride - 1);
        }

        void Visit(int index)
        {
            if (cells[index] == Foreground)
            {
                cells[index] = ForegroundSeen;
                stack.Push(index);
            }
        }
    }
}
