using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Masks;

/// <summary>
/// The outer border of one connected region of a mask, through pixel centres, with the points where
/// the border changes direction (OpenCV's <c>CHAIN_APPROX_SIMPLE</c>), counter-clockwise on screen.
/// </summary>
public sealed class Contour
{
    private readonly PixelPoint[] _points;

    internal Contour(PixelPoint[] points)
    {
        _points = points;
    }

    /// <summary>The border points in order (a closed ring: the last point connects to the first).</summary>
    public IReadOnlyList<PixelPoint> Points => _points;

    /// <summary>Area enclosed by the points (shoelace formula, as OpenCV's <c>contourArea</c>); 0 for fewer than 3 points.</summary>
    public double Area
    {
        get
        {
            if (_points.Length < 3)
            {
                return 0;
            }

            var twice = 0L;
            var previous = _points[^1];
            foreach (var point in _points)
            {
                twice += ((long)previous.X * point.Y) - ((long)point.X * previous.Y);
                previous = point;
            }

            return Math.Abs(twice) / 2.0;
        }
    }

    /// <summary>The enclosing box in whole pixels as OpenCV's <c>boundingRect</c>: width = max x - min x + 1.</summary>
    /// <returns>The box.</returns>
    public AxisAlignedBox GetBoundingBox()
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue;
        foreach (var point in _points)
        {
            minX = Math.Min(minX, point.X);
            minY = Math.Min(minY, point.Y);
            maxX = Math.Max(maxX, point.X);
            maxY = Math.Max(maxY, point.Y);
        }

        return new AxisAlignedBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /// <summary>The points as COCO writes a polygon segmentation: <c>[x1, y1, x2, y2, ...]</c>.</summary>
    /// <returns>A new array.</returns>
    public int[] ToFlatArray()
    {
        var flat = new int[_points.Length * 2];
        for (var i = 0; i < _points.Length; i++)
        {
            flat[2 * i] = _points[i].X;
            flat[(2 * i) + 1] = _points[i].Y;
        }

        return flat;
    }

    /// <summary>The points as polygon vertices in pixels (for the geometry API).</summary>
    /// <returns>A new array.</returns>
    public Point2[] ToPoints()
    {
        var points = new Point2[_points.Length];
        for (var i = 0; i < _points.Length; i++)
        {
            points[i] = new Point2(_points[i].X, _points[i].Y);
        }

        return points;
    }
}
