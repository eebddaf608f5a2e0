namespace LabelStudio.Formats.Geometry;

/// <summary>Measures of polygons given as vertex spans (Label Studio <c>points</c>, in any space).</summary>
public static class Polygons
{
    /// <summary>
    /// Signed area by the shoelace formula: positive when the vertices run clockwise on screen (y down),
    /// negative counter-clockwise. The ring closes by itself.
    /// </summary>
    /// <param name="vertices">The vertices.</param>
    /// <returns>The signed area; 0 for fewer than 3 vertices.</returns>
    public static double SignedArea(ReadOnlySpan<Point2> vertices)
    {
        if (vertices.Length < 3)
        {
            return 0;
        }

        var twice = 0.0;
        var previous = vertices[^1];
        foreach (var current in vertices)
        {
            twice += (previous.X * current.Y) - (current.X * previous.Y);
            previous = current;
        }

        return twice / 2;
    }

    /// <summary>Area by the shoelace formula (what the official COCO exporter writes for polygons).</summary>
    /// <param name="vertices">The vertices.</param>
    /// <returns>The area (self-intersecting rings give the shoelace value, not the covered area).</returns>
    public static double Area(ReadOnlySpan<Point2> vertices) => Math.Abs(SignedArea(vertices));

    /// <summary>The enclosing box: min/max of the vertices (the official COCO polygon <c>bbox</c>).</summary>
    /// <param name="vertices">The vertices.</param>
    /// <returns>The box; default when empty.</returns>
    public static AxisAlignedBox GetBounds(ReadOnlySpan<Point2> vertices) => AxisAlignedBox.Enclosing(vertices);

    /// <summary>Length of the closed outline.</summary>
    /// <param name="vertices">The vertices.</param>
    /// <returns>The perimeter; 0 for fewer than 2 vertices.</returns>
    public static double Perimeter(ReadOnlySpan<Point2> vertices)
    {
        if (vertices.Length < 2)
        {
            return 0;
        }

        var length = 0.0;
        var previous = vertices[^1];
        foreach (var current in vertices)
        {
            length += double.Hypot(current.X - previous.X, current.Y - previous.Y);
            previous = current;
        }

        return length;
    }

    /// <summary>Flattens vertices as COCO segmentations and YOLO lines list them: <c>x1, y1, x2, y2, ...</c>.</summary>
    /// <param name="vertices">The vertices.</param>
    /// <returns>A new array of 2 x count numbers.</returns>
    public static double[] Flatten(ReadOnlySpan<Point2> vertices)
    {
        var flat = new double[vertices.Length * 2];
        for (var i = 0; i < vertices.Length; i++)
        {
            flat[2 * i] = vertices[i].X;
            flat[(2 * i) + 1] = vertices[i].Y;
        }

        return flat;
    }

    /// <summary>Builds vertices from a flat <c>x1, y1, x2, y2, ...</c> list (a COCO segmentation ring).</summary>
    /// <param name="flat">An even number of coordinates.</param>
    /// <returns>The vertices.</returns>
    /// <exception cref="ArgumentException">An odd number of coordinates.</exception>
    public static Point2[] Unflatten(ReadOnlySpan<double> flat)
    {
        if (flat.Length % 2 != 0)
        {
            throw new ArgumentException($"A flat polygon needs x, y pairs; got {flat.Length} numbers.", nameof(flat));
        }

        var points = new Point2[flat.Length / 2];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new Point2(flat[2 * i], flat[(2 * i) + 1]);
        }

        return points;
    }
}
