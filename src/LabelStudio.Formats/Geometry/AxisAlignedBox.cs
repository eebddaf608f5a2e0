namespace LabelStudio.Formats.Geometry;

/// <summary>An unrotated box: top-left corner and size, in the caller's space (percent, pixels or normalized).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width (non-negative once normalized).</param>
/// <param name="Height">Height (non-negative once normalized).</param>
public readonly record struct AxisAlignedBox(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge (<see cref="X"/> + <see cref="Width"/>).</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge (<see cref="Y"/> + <see cref="Height"/>).</summary>
    public double Bottom => Y + Height;

    /// <summary>Width x height.</summary>
    public double Area => Width * Height;

    /// <summary>Centre point.</summary>
    public Point2 Center => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>The smallest box holding every point; default for no points.</summary>
    /// <param name="points">The points.</param>
    /// <returns>The enclosing box.</returns>
    public static AxisAlignedBox Enclosing(ReadOnlySpan<Point2> points)
    {
        if (points.IsEmpty)
        {
            return default;
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var point in points)
        {
            minX = Math.Min(minX, point.X);
            minY = Math.Min(minY, point.Y);
            maxX = Math.Max(maxX, point.X);
            maxY = Math.Max(maxY, point.Y);
        }

        return new AxisAlignedBox(minX, minY, maxX - minX, maxY - minY);
    }

    /// <summary>The same box with non-negative width and height (a box drawn "upwards" or leftwards keeps its area and place).</summary>
    /// <returns>The normalized box.</returns>
    public AxisAlignedBox Normalize()
    {
        var (x, width) = Width < 0 ? (X + Width, -Width) : (X, Width);
        var (y, height) = Height < 0 ? (Y + Height, -Height) : (Y, Height);
        return new AxisAlignedBox(x, y, width, height);
    }

    /// <summary>Converts from Label Studio percent (0-100) to pixels.</summary>
    /// <param name="size">The image size.</param>
    /// <returns>The box in pixels.</returns>
    public AxisAlignedBox PercentToPixels(ImageSize size) => new(
        Coordinates.PercentToPixels(X, size.Width),
        Coordinates.PercentToPixels(Y, size.Height),
        Coordinates.PercentToPixels(Width, size.Width),
        Coordinates.PercentToPixels(Height, size.Height));

    /// <summary>Converts from pixels to Label Studio percent (0-100).</summary>
    /// <param name="size">The image size.</param>
    /// <returns>The box in percent.</returns>
    public AxisAlignedBox PixelsToPercent(ImageSize size) => new(
        Coordinates.PixelsToPercent(X, size.Width),
        Coordinates.PixelsToPercent(Y, size.Height),
        Coordinates.PixelsToPercent(Width, size.Width),
        Coordinates.PixelsToPercent(Height, size.Height));

    /// <summary>The centre and size normalized to 0-1, as a YOLO line writes them (from percent: <c>(x + w/2)/100</c> ...).</summary>
    /// <returns>Centre x, centre y, width, height, each 0-1 for a box inside the image.</returns>
    public (double CenterX, double CenterY, double Width, double Height) PercentToYolo() =>
        ((X + (Width / 2)) / 100, (Y + (Height / 2)) / 100, Width / 100, Height / 100);

    /// <summary>Builds a percent box from a YOLO centre and size (0-1), as Label Studio's YOLO import does: <c>(c - s/2) x 100</c>.</summary>
    /// <param name="centerX">Centre x, 0-1.</param>
    /// <param name="centerY">Centre y, 0-1.</param>
    /// <param name="width">Width, 0-1.</param>
    /// <param name="height">Height, 0-1.</param>
    /// <returns>The box in percent.</returns>
    public static AxisAlignedBox FromYolo(double centerX, double centerY, double width, double height) =>
        new((centerX - (width / 2)) * 100, (centerY - (height / 2)) * 100, width * 100, height * 100);
}
