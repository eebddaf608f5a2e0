using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Masks;

/// <summary>Polygons to masks: scan-line filling, a pixel being inside when its centre is (even-odd rule).</summary>
public static class MaskPolygons
{
    /// <summary>Creates a mask with one filled polygon.</summary>
    /// <param name="vertices">Polygon vertices in pixels (the ring closes by itself).</param>
    /// <param name="width">Mask width.</param>
    /// <param name="height">Mask height.</param>
    /// <param name="value">Value of filled pixels (255 for Label Studio brush masks, 1 for COCO).</param>
    /// <returns>The mask.</returns>
    public static Mask ToMask(ReadOnlySpan<Point2> vertices, int width, int height, byte value)
    {
        var mask = new Mask(width, height);
        Fill(mask, vertices, value);
        return mask;
    }

    /// <summary>
    /// Sets to <paramref name="value"/> every pixel whose centre (x + 0.5, y + 0.5) lies inside the polygon
    /// (even-odd rule; a centre on a left or top edge is inside, on a right or bottom edge outside, so
    /// polygons sharing an edge never both claim a pixel). Vertices may lie outside the mask.
    /// </summary>
    /// <param name="mask">The mask to paint.</param>
    /// <param name="vertices">Polygon vertices in pixels.</param>
    /// <param name="value">Value of filled pixels.</param>
    /// <exception cref="ArgumentException">A vertex is NaN or infinite.</exception>
    public static void Fill(Mask mask, ReadOnlySpan<Point2> vertices, byte value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (vertices.Length < 3)
        {
            return;
        }

        var minY = double.PositiveInfinity;
        var maxY = double.NegativeInfinity;
        for (var i = 0; i < vertices.Length; i++)
        {
            var v = vertices[i];
            if (!double.IsFinite(v.X) || !double.IsFinite(v.Y))
            {
                throw new ArgumentException($"Vertex {i} ({v.X}, {v.Y}) is not a finite number.", nameof(vertices));
            }

            minY = Math.Min(minY, v.Y);
            maxY = Math.Max(maxY, v.Y);
        }

        var firstRow = (int)Math.Max(0, Math.Floor(minY - 0.5));
        var lastRow = (int)Math.Min(mask.Height - 1, Math.Ceiling(maxY));
        var crossings = new double[vertices.Length];
        var pixels = mask.Pixels;
        for (var y = firstRow; y <= lastRow; y++)
        {
            var centre = y + 0.5;
            var count = 0;
            var previous = vertices[^1];
            foreach (var current in vertices)
            {
                // Half-open in y, so a vertex on the scan line is counted once.
                if ((previous.Y <= centre && current.Y > centre) || (current.Y <= centre && previous.Y > centre))
                {
                    crossings[count++] = previous.X + ((centre - previous.Y) * (current.X - previous.X) / (current.Y - previous.Y));
                }

                previous = current;
            }

            var row = crossings.AsSpan(0, count);
            row.Sort();
            for (var k = 0; k + 1 < row.Length; k += 2)
            {
                // Pixels whose centre x + 0.5 is in [left, right).
                var from = Math.Max(0, Math.Ceiling(row[k] - 0.5));
                var to = Math.Min(mask.Width, Math.Ceiling(row[k + 1] - 0.5));
                if (to > from)
                {
                    pixels.Slice((y * mask.Width) + (int)from, (int)(to - from)).Fill(value);
                }
            }
        }
    }
}
