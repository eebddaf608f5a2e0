namespace LabelStudio.Formats.Geometry;

/// <summary>
/// The official converter's geometry, operation by operation, so exported numbers are bit-identical with
/// label_studio_sdk.converter's: same operand order, same libm calls (on Linux CPython's math module and .NET's
/// Math.Atan/Cos/Sin/Pow both call glibc; Sqrt is IEEE-exact everywhere), min/max as Python's builtins.
/// </summary>
/// <remarks>
/// These formulas are not the cleanest ways to compute the results (see <see cref="RotatedBox"/> for those): a last
/// bit of difference is a difference in an output file, and scripts diff files. Only the official formats use them.
/// </remarks>
internal static class OfficialGeometry
{
    /// <summary>CPython's math.radians: <c>x * degToRad</c> with <c>degToRad = pi / 180.0</c> folded once.</summary>
    private const double DegreesToRadians = Math.PI / 180.0;

    /// <summary>
    /// <c>Converter.rotated_rectangle</c> (COCO): the axis-aligned box enclosing a rotated rectangle, in the
    /// rectangle's own (percent) space, through the box's centre, half-diagonal and the angles alpha = atan(h/w) and
    /// beta = pi * (r / 180).
    /// </summary>
    /// <returns>
    /// The enclosing box; <see langword="null"/> when <paramref name="width"/> is zero, where the official converter
    /// stops with ZeroDivisionError (the caller uses the true geometry instead).
    /// </returns>
    /// <remarks>
    /// With a negative width the official centre lands on the wrong side (atan gives alpha in the wrong quadrant):
    /// reproduced as is, since this mode promises the official numbers; RotatedBoxesInPixels has the true geometry.
    /// </remarks>
    public static AxisAlignedBox? CocoRotatedBounds(double x, double y, double width, double height, double rotation)
    {
        if (width == 0)
        {
            return null;
        }

        var alpha = Math.Atan(height / width);
        var beta = Math.PI * (rotation / 180);
        var radius = Math.Sqrt(Math.Pow(width / 2, 2) + Math.Pow(height / 2, 2));
        var x0 = x - (radius * (Math.Cos(Math.PI - alpha - beta) - Math.Cos(Math.PI - alpha))) + (width / 2);
        var y0 = y + (radius * (Math.Sin(Math.PI - alpha - beta) - Math.Sin(Math.PI - alpha))) + (height / 2);

        var theta1 = alpha + beta;
        var theta2 = Math.PI - alpha + beta;
        var theta3 = Math.PI + alpha + beta;
        var theta4 = (2 * Math.PI) - alpha + beta;

        var x1 = x0 + (radius * Math.Cos(theta1));
        var x2 = x0 + (radius * Math.Cos(theta2));
        var x3 = x0 + (radius * Math.Cos(theta3));
        var x4 = x0 + (radius * Math.Cos(theta4));
        var y1 = y0 + (radius * Math.Sin(theta1));
        var y2 = y0 + (radius * Math.Sin(theta2));
        var y3 = y0 + (radius * Math.Sin(theta3));
        var y4 = y0 + (radius * Math.Sin(theta4));

        var minX = PythonMin(x1, x2, x3, x4);
        var minY = PythonMin(y1, y2, y3, y4);
        return new AxisAlignedBox(minX, minY, PythonMax(x1, x2, x3, x4) - minX, PythonMax(y1, y2, y3, y4) - minY);
    }

    /// <summary>
    /// <c>convert_annotation_to_yolo_obb</c> (YOLO_OBB): the four corners in percent-of-size units scaled to pixels
    /// (<c>v / 100 * size</c>), rotated by cos/sin of <c>math.radians(r)</c> (no normalisation: 90 degrees gives
    /// cos = 6.1e-17, as there), then divided by the image size.
    /// </summary>
    /// <param name="x">Left of the unrotated box, percent.</param>
    /// <param name="y">Top of the unrotated box, percent.</param>
    /// <param name="width">Width, percent.</param>
    /// <param name="height">Height, percent.</param>
    /// <param name="rotation">Degrees, as stored.</param>
    /// <param name="imageWidth">original_width.</param>
    /// <param name="imageHeight">original_height.</param>
    /// <param name="destination">Receives 4 normalised corners, in the official order.</param>
    public static void YoloObbCorners(double x, double y, double width, double height, double rotation, double imageWidth, double imageHeight, Span<Point2> destination)
    {
        var px = x / 100 * imageWidth;
        var py = y / 100 * imageHeight;
        var w = width / 100 * imageWidth;
        var h = height / 100 * imageHeight;
        var radians = rotation * DegreesToRadians;
        var cos = Math.Cos(radians);
        var sin = Math.Sin(radians);

        destination[0] = new Point2(px / imageWidth, py / imageHeight);
        destination[1] = new Point2((px + (w * cos)) / imageWidth, (py + (w * sin)) / imageHeight);
        destination[2] = new Point2((px + (w * cos) - (h * sin)) / imageWidth, (py + (w * sin) + (h * cos)) / imageHeight);
        destination[3] = new Point2((px - (h * sin)) / imageWidth, (py + (h * cos)) / imageHeight);
    }

    /// <summary>Python's <c>min</c>: the first of the smallest (so <c>min(0.0, -0.0)</c> is <c>0.0</c>, unlike Math.Min).</summary>
    private static double PythonMin(double a, double b, double c, double d)
    {
        var m = a;
        if (b < m)
        {
            m = b;
        }

        if (c < m)
        {
            m = c;
        }

        if (d < m)
        {
            m = d;
        }

        return m;
    }

    /// <summary>Python's <c>max</c>: the first of the largest.</summary>
    private static double PythonMax(double a, double b, double c, double d)
    {
        var m = a;
        if (b > m)
        {
            m = b;
        }

        if (c > m)
        {
            m = c;
        }

        if (d > m)
        {
            m = d;
        }

        return m;
    }
}
