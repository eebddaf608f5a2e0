namespace LabelStudio.Formats.Geometry;

/// <summary>
/// Conversions between Label Studio percent (0-100 of the image size), pixels and normalized (0-1)
/// coordinates. The arithmetic order is the official converter's where it matters for the last bit
/// (COCO: <c>percent x size / 100</c>; COCO import: <c>pixels / size x 100</c>).
/// </summary>
public static class Coordinates
{
    /// <summary>Percent of <paramref name="size"/> to pixels: <c>percent x size / 100</c>.</summary>
    /// <param name="percent">Value in percent.</param>
    /// <param name="size">Image width (for x values) or height (for y values) in pixels.</param>
    /// <returns>Pixels.</returns>
    public static double PercentToPixels(double percent, double size) => percent * size / 100;

    /// <summary>Pixels to percent of <paramref name="size"/>: <c>pixels / size x 100</c>.</summary>
    /// <param name="pixels">Value in pixels.</param>
    /// <param name="size">Image width or height in pixels.</param>
    /// <returns>Percent.</returns>
    public static double PixelsToPercent(double pixels, double size) => pixels / size * 100;

    /// <summary>Percent to normalized (0-1): <c>percent / 100</c>.</summary>
    /// <param name="percent">Value in percent.</param>
    /// <returns>Normalized value.</returns>
    public static double PercentToNormalized(double percent) => percent / 100;

    /// <summary>Normalized (0-1) to percent: <c>normalized x 100</c>.</summary>
    /// <param name="normalized">Normalized value.</param>
    /// <returns>Percent.</returns>
    public static double NormalizedToPercent(double normalized) => normalized * 100;

    /// <summary>Pixels to normalized (0-1): <c>pixels / size</c>.</summary>
    /// <param name="pixels">Value in pixels.</param>
    /// <param name="size">Image width or height in pixels.</param>
    /// <returns>Normalized value.</returns>
    public static double PixelsToNormalized(double pixels, double size) => pixels / size;

    /// <summary>Normalized (0-1) to pixels: <c>normalized x size</c>.</summary>
    /// <param name="normalized">Normalized value.</param>
    /// <param name="size">Image width or height in pixels.</param>
    /// <returns>Pixels.</returns>
    public static double NormalizedToPixels(double normalized, double size) => normalized * size;

    /// <summary>A point in percent to pixels.</summary>
    /// <param name="point">The point in percent.</param>
    /// <param name="size">The image size.</param>
    /// <returns>The point in pixels.</returns>
    public static Point2 PercentToPixels(Point2 point, ImageSize size) =>
        new(PercentToPixels(point.X, size.Width), PercentToPixels(point.Y, size.Height));

    /// <summary>A point in pixels to percent.</summary>
    /// <param name="point">The point in pixels.</param>
    /// <param name="size">The image size.</param>
    /// <returns>The point in percent.</returns>
    public static Point2 PixelsToPercent(Point2 point, ImageSize size) =>
        new(PixelsToPercent(point.X, size.Width), PixelsToPercent(point.Y, size.Height));

    /// <summary>Converts points from percent to pixels in place or into another span of the same length.</summary>
    /// <param name="source">Points in percent.</param>
    /// <param name="destination">Receives the points in pixels (may be the same memory as <paramref name="source"/>).</param>
    /// <param name="size">The image size.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void PercentToPixels(ReadOnlySpan<Point2> source, Span<Point2> destination, ImageSize size)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} points, {source.Length} needed.", nameof(destination));
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = PercentToPixels(source[i], size);
        }
    }

    /// <summary>Converts points from pixels to percent in place or into another span of the same length.</summary>
    /// <param name="source">Points in pixels.</param>
    /// <param name="destination">Receives the points in percent (may be the same memory as <paramref name="source"/>).</param>
    /// <param name="size">The image size.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void PixelsToPercent(ReadOnlySpan<Point2> source, Span<Point2> destination, ImageSize size)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} points, {source.Length} needed.", nameof(destination));
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = PixelsToPercent(source[i], size);
        }
    }

    /// <summary>Normalizes an angle in degrees to [0, 360), the range Label Studio stores.</summary>
    /// <param name="degrees">Any finite angle.</param>
    /// <returns>The same direction in [0, 360).</returns>
    public static double NormalizeDegrees(double degrees)
    {
        var result = degrees % 360;
        if (result < 0)
        {
            result += 360;
        }

        // -1e-20 % 360 + 360 rounds to 360.
        return result >= 360 ? 0 : result;
    }
}
