namespace LabelStudio.Formats.Geometry;

/// <summary>
/// A Label Studio ellipse: centre <c>(x, y)</c>, radii <c>radiusX</c> (of the width) and <c>radiusY</c>
/// (of the height), rotation in degrees clockwise on screen about the centre. Percent (0-100) as Label
/// Studio stores it; <see cref="PercentToPixels"/> gives pixels.
/// </summary>
/// <param name="CenterX">Centre x.</param>
/// <param name="CenterY">Centre y.</param>
/// <param name="RadiusX">Radius along the rotated x axis.</param>
/// <param name="RadiusY">Radius along the rotated y axis.</param>
/// <param name="Rotation">Degrees, clockwise on screen about the centre.</param>
public readonly record struct Ellipse(double CenterX, double CenterY, double RadiusX, double RadiusY, double Rotation)
{
    /// <summary>Area (pi x rx x ry) in this ellipse's space squared.</summary>
    public double Area => Math.PI * Math.Abs(RadiusX) * Math.Abs(RadiusY);

    /// <summary>Converts percent to pixels (rx scales with the width, ry with the height), keeping the rotation.</summary>
    /// <param name="size">The image size.</param>
    /// <returns>The ellipse in pixels.</returns>
    public Ellipse PercentToPixels(ImageSize size) => new(
        Coordinates.PercentToPixels(CenterX, size.Width),
        Coordinates.PercentToPixels(CenterY, size.Height),
        Coordinates.PercentToPixels(RadiusX, size.Width),
        Coordinates.PercentToPixels(RadiusY, size.Height),
        Rotation);

    /// <summary>Converts pixels to percent, keeping the rotation.</summary>
    /// <param name="size">The image size.</param>
    /// <returns>The ellipse in percent.</returns>
    public Ellipse PixelsToPercent(ImageSize size) => new(
        Coordinates.PixelsToPercent(CenterX, size.Width),
        Coordinates.PixelsToPercent(CenterY, size.Height),
        Coordinates.PixelsToPercent(RadiusX, size.Width),
        Coordinates.PixelsToPercent(RadiusY, size.Height),
        Rotation);

    /// <summary>
    /// Samples the outline into <paramref name="destination"/> (one vertex per element, evenly spaced in
    /// the ellipse's parameter, starting on the rotated x axis, clockwise on screen).
    /// </summary>
    /// <param name="destination">Receives the vertices; its length is the vertex count (at least 3).</param>
    /// <exception cref="ArgumentException">Fewer than 3 vertices requested.</exception>
    public void ToPolygon(Span<Point2> destination)
    {
        if (destination.Length < 3)
        {
            throw new ArgumentException("A polygon needs at least 3 vertices.", nameof(destination));
        }

        var (sin, cos) = RotatedBox.SinCos(Rotation);
        for (var i = 0; i < destination.Length; i++)
        {
            var (st, ct) = Math.SinCos(2 * Math.PI * i / destination.Length);
            var px = RadiusX * ct;
            var py = RadiusY * st;
            destination[i] = new Point2(CenterX + (px * cos) - (py * sin), CenterY + (px * sin) + (py * cos));
        }
    }

    /// <summary>Samples the outline into a new array of <paramref name="vertexCount"/> vertices; see <see cref="ToPolygon(Span{Point2})"/>.</summary>
    /// <param name="vertexCount">Number of vertices (at least 3).</param>
    /// <returns>The polygon.</returns>
    public Point2[] ToPolygon(int vertexCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vertexCount, 3);
        var points = new Point2[vertexCount];
        ToPolygon(points);
        return points;
    }

    /// <summary>The exact smallest axis-aligned box holding the rotated ellipse.</summary>
    /// <returns>The enclosing box.</returns>
    public AxisAlignedBox GetBounds()
    {
        var (sin, cos) = RotatedBox.SinCos(Rotation);
        var halfWidth = Math.Sqrt((RadiusX * RadiusX * cos * cos) + (RadiusY * RadiusY * sin * sin));
        var halfHeight = Math.Sqrt((RadiusX * RadiusX * sin * sin) + (RadiusY * RadiusY * cos * cos));
        return new AxisAlignedBox(CenterX - halfWidth, CenterY - halfHeight, 2 * halfWidth, 2 * halfHeight);
    }
}
