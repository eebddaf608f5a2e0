namespace LabelStudio.Formats.Geometry;

/// <summary>
/// A Label Studio rectangle: top-left corner <c>(x, y)</c>, width, height and a rotation in degrees,
/// clockwise on screen (y down) about the top-left corner. Values are in the caller's space: Label
/// Studio stores percent (0-100), <see cref="PercentToPixels"/> gives pixels.
/// </summary>
/// <param name="X">Left of the unrotated box (the pivot).</param>
/// <param name="Y">Top of the unrotated box (the pivot).</param>
/// <param name="Width">Width along the rotated x axis (negative for boxes drawn leftwards; see <see cref="Normalize"/>).</param>
/// <param name="Height">Height along the rotated y axis (negative for boxes drawn upwards).</param>
/// <param name="Rotation">Degrees, clockwise on screen about (<paramref name="X"/>, <paramref name="Y"/>).</param>
public readonly record struct RotatedBox(double X, double Y, double Width, double Height, double Rotation)
{
    /// <summary>
    /// Converts percent to pixels. Rotation is kept: it is an on-screen angle, and it stays true only in
    /// pixel space, where the image's aspect ratio is real. (Rotating in percent space, as the official
    /// COCO exporter does, distorts boxes on non-square images.)
    /// </summary>
    /// <param name="size">The image size.</param>
    /// <returns>The box in pixels.</returns>
    public RotatedBox PercentToPixels(ImageSize size) => new(
        Coordinates.PercentToPixels(X, size.Width),
        Coordinates.PercentToPixels(Y, size.Height),
        Coordinates.PercentToPixels(Width, size.Width),
        Coordinates.PercentToPixels(Height, size.Height),
        Rotation);

    /// <summary>Converts pixels to percent, keeping the rotation.</summary>
    /// <param name="size">The image size.</param>
    /// <returns>The box in percent.</returns>
    public RotatedBox PixelsToPercent(ImageSize size) => new(
        Coordinates.PixelsToPercent(X, size.Width),
        Coordinates.PixelsToPercent(Y, size.Height),
        Coordinates.PixelsToPercent(Width, size.Width),
        Coordinates.PixelsToPercent(Height, size.Height),
        Rotation);

    /// <summary>
    /// The same region with non-negative width and height and the rotation in [0, 360): a negative
    /// size moves the pivot to the opposite corner along the rotated axis (the region does not move).
    /// </summary>
    /// <returns>The normalized box.</returns>
    /// <remarks>Only meaningful in pixel space (or percent space on square images, or without rotation).</remarks>
    public RotatedBox Normalize()
    {
        var (sin, cos) = SinCos(Rotation);
        var x = X;
        var y = Y;
        if (Width < 0)
        {
            x += Width * cos;
            y += Width * sin;
        }

        if (Height < 0)
        {
            x -= Height * sin;
            y += Height * cos;
        }

        return new RotatedBox(x, y, Math.Abs(Width), Math.Abs(Height), Coordinates.NormalizeDegrees(Rotation));
    }

    /// <summary>
    /// The four corners, in order: pivot <c>(x, y)</c>, <c>(x + w cos t, y + w sin t)</c>,
    /// <c>(x + w cos t - h sin t, y + w sin t + h cos t)</c>, <c>(x - h sin t, y + h cos t)</c> (t = rotation):
    /// the order and formulas of Label Studio's YOLO_OBB exporter.
    /// </summary>
    /// <param name="destination">Receives 4 points.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than 4 points.</exception>
    public void GetCorners(Span<Point2> destination)
    {
        if (destination.Length < 4)
        {
            throw new ArgumentException("Four corners need a destination of at least 4 points.", nameof(destination));
        }

        var (sin, cos) = SinCos(Rotation);
        destination[0] = new Point2(X, Y);
        destination[1] = new Point2(X + (Width * cos), Y + (Width * sin));
        destination[2] = new Point2(X + (Width * cos) - (Height * sin), Y + (Width * sin) + (Height * cos));
        destination[3] = new Point2(X - (Height * sin), Y + (Height * cos));
    }

    /// <summary>The four corners as a new array; see <see cref="GetCorners(Span{Point2})"/>.</summary>
    /// <returns>The corners.</returns>
    public Point2[] GetCorners()
    {
        var corners = new Point2[4];
        GetCorners(corners);
        return corners;
    }

    /// <summary>The centre of the rotated box.</summary>
    public Point2 Center
    {
        get
        {
            var (sin, cos) = SinCos(Rotation);
            return new Point2(X + (((Width * cos) - (Height * sin)) / 2), Y + (((Width * sin) + (Height * cos)) / 2));
        }
    }

    /// <summary>The smallest axis-aligned box holding the rotated box, in this box's space.</summary>
    /// <returns>The enclosing box.</returns>
    public AxisAlignedBox GetBounds()
    {
        Span<Point2> corners = stackalloc Point2[4];
        GetCorners(corners);
        return AxisAlignedBox.Enclosing(corners);
    }

    /// <summary>
    /// For a box in percent: the enclosing axis-aligned box in pixels, rotating in pixel space (correct
    /// for non-square images, unlike the official COCO exporter).
    /// </summary>
    /// <param name="size">The image size.</param>
    /// <returns>The enclosing box in pixels.</returns>
    public AxisAlignedBox GetPixelBounds(ImageSize size) => PercentToPixels(size).GetBounds();

    /// <summary>Sine and cosine of an angle in degrees, exact for multiples of 90 (so unrotated boxes stay exact).</summary>
    internal static (double Sin, double Cos) SinCos(double degrees)
    {
        var normalized = Coordinates.NormalizeDegrees(degrees);
        return normalized switch
        {
            0 => (0, 1),
            90 => (1, 0),
            180 => (0, -1),
            270 => (-1, 0),
            _ => Math.SinCos(normalized * Math.PI / 180),
        };
    }
}
