using System.Globalization;

namespace LabelStudio.Formats.Geometry;

/// <summary>
/// Range checks for Label Studio region values (percent 0-100, rotation [0, 360)). Every problem is
/// reported with the field's name; nothing is clamped or dropped. Values within
/// <see cref="Tolerance"/> of a bound pass (Label Studio writes e.g. 100.00000000000001).
/// </summary>
public static class GeometryChecks
{
    /// <summary>How far (in percent) a value may pass a bound before it is reported.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>
    /// Checks a rectangle (<c>rectanglelabels</c>, <c>rectangle</c>, <c>ocrlabels</c>): finite values, x and y in
    /// 0-100, non-negative width/height, rotation in [0, 360), and the box inside the image. With
    /// <paramref name="size"/> the rotated corners are checked in pixels (where rotation is real);
    /// without it only unrotated boxes are checked for their right and bottom edges.
    /// </summary>
    /// <param name="x">x in percent.</param>
    /// <param name="y">y in percent.</param>
    /// <param name="width">Width in percent.</param>
    /// <param name="height">Height in percent.</param>
    /// <param name="rotation">Rotation in degrees (0 when absent).</param>
    /// <param name="size">The image size, when known (<c>original_width/height</c>).</param>
    /// <returns>The problems; empty when the rectangle is fine.</returns>
    public static IReadOnlyList<GeometryIssue> CheckRectangle(double x, double y, double width, double height, double rotation, ImageSize? size = null)
    {
        var issues = new List<GeometryIssue>();
        var finite = Finite(issues, "x", x) & Finite(issues, "y", y) & Finite(issues, "width", width)
            & Finite(issues, "height", height) & Finite(issues, "rotation", rotation);
        if (!finite)
        {
            return issues;
        }

        Percent(issues, "x", x);
        Percent(issues, "y", y);
        NonNegative(issues, "width", width);
        NonNegative(issues, "height", height);
        Rotation(issues, rotation);

        if (size is { } image)
        {
            Span<Point2> corners = stackalloc Point2[4];
            new RotatedBox(x, y, width, height, rotation).PercentToPixels(image).GetCorners(corners);
            var slackX = Tolerance * image.Width / 100;
            var slackY = Tolerance * image.Height / 100;
            for (var i = 1; i < 4; i++)
            {
                Inside(issues, $"corner[{i}].x", corners[i].X, image.Width, slackX, "px");
                Inside(issues, $"corner[{i}].y", corners[i].Y, image.Height, slackY, "px");
            }
        }
        else if (Coordinates.NormalizeDegrees(rotation) == 0)
        {
            Inside(issues, "x + width", x + width, 100, Tolerance, "%");
            Inside(issues, "y + height", y + height, 100, Tolerance, "%");
        }

        return issues;
    }

    /// <summary>Checks polygon points (percent): at least 3, each finite and in 0-100.</summary>
    /// <param name="points">The points in percent.</param>
    /// <returns>The problems; empty when the polygon is fine.</returns>
    public static IReadOnlyList<GeometryIssue> CheckPolygon(ReadOnlySpan<Point2> points)
    {
        var issues = new List<GeometryIssue>();
        if (points.Length < 3)
        {
            issues.Add(new GeometryIssue(
                "points", points.Length, GeometryIssueKind.TooFewPoints, $"points has {points.Length} points; a polygon needs at least 3."));
        }

        for (var i = 0; i < points.Length; i++)
        {
            var fieldX = string.Create(CultureInfo.InvariantCulture, $"points[{i}].x");
            var fieldY = string.Create(CultureInfo.InvariantCulture, $"points[{i}].y");
            if (Finite(issues, fieldX, points[i].X))
            {
                Percent(issues, fieldX, points[i].X);
            }

            if (Finite(issues, fieldY, points[i].Y))
            {
                Percent(issues, fieldY, points[i].Y);
            }
        }

        return issues;
    }

    /// <summary>Checks an ellipse (percent): centre in 0-100, radii in 0-50, rotation in [0, 360).</summary>
    /// <param name="x">Centre x in percent.</param>
    /// <param name="y">Centre y in percent.</param>
    /// <param name="radiusX">Radius x in percent of the width.</param>
    /// <param name="radiusY">Radius y in percent of the height.</param>
    /// <param name="rotation">Rotation in degrees.</param>
    /// <returns>The problems; empty when the ellipse is fine.</returns>
    public static IReadOnlyList<GeometryIssue> CheckEllipse(double x, double y, double radiusX, double radiusY, double rotation)
    {
        var issues = new List<GeometryIssue>();
        if (Finite(issues, "x", x))
        {
            Percent(issues, "x", x);
        }

        if (Finite(issues, "y", y))
        {
            Percent(issues, "y", y);
        }

        foreach (var (field, value) in new[] { ("radiusX", radiusX), ("radiusY", radiusY) })
        {
            if (Finite(issues, field, value) && NonNegative(issues, field, value) && value > 50 + Tolerance)
            {
                issues.Add(new GeometryIssue(field, value, GeometryIssueKind.OutOfRange, Say($"{field} is {value}; expected at most 50 (percent).")));
            }
        }

        if (Finite(issues, "rotation", rotation))
        {
            Rotation(issues, rotation);
        }

        return issues;
    }

    /// <summary>Checks a key point (percent): x and y finite and in 0-100, width (point size) non-negative when given.</summary>
    /// <param name="x">x in percent.</param>
    /// <param name="y">y in percent.</param>
    /// <param name="width">Point size, when present.</param>
    /// <returns>The problems; empty when the point is fine.</returns>
    public static IReadOnlyList<GeometryIssue> CheckKeyPoint(double x, double y, double? width = null)
    {
        var issues = new List<GeometryIssue>();
        if (Finite(issues, "x", x))
        {
            Percent(issues, "x", x);
        }

        if (Finite(issues, "y", y))
        {
            Percent(issues, "y", y);
        }

        if (width is { } w && Finite(issues, "width", w))
        {
            NonNegative(issues, "width", w);
        }

        return issues;
    }

    private static string Say(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    private static bool Finite(List<GeometryIssue> issues, string field, double value)
    {
        if (double.IsFinite(value))
        {
            return true;
        }

        issues.Add(new GeometryIssue(field, value, GeometryIssueKind.NotFinite, Say($"{field} is {value}; expected a finite number.")));
        return false;
    }

    private static void Percent(List<GeometryIssue> issues, string field, double value)
    {
        if (value < -Tolerance || value > 100 + Tolerance)
        {
            issues.Add(new GeometryIssue(field, value, GeometryIssueKind.OutOfRange, Say($"{field} is {value}; expected 0 to 100 (percent of the image).")));
        }
    }

    private static bool NonNegative(List<GeometryIssue> issues, string field, double value)
    {
        if (value >= 0)
        {
            return true;
        }

        issues.Add(new GeometryIssue(
            field, value, GeometryIssueKind.NegativeSize, Say($"{field} is {value}; expected a non-negative size (normalise the region first).")));
        return false;
    }

    private static void Rotation(List<GeometryIssue> issues, double rotation)
    {
        if (rotation < 0 || rotation >= 360)
        {
            issues.Add(new GeometryIssue(
                "rotation", rotation, GeometryIssueKind.OutOfRange, Say($"rotation is {rotation}; expected degrees in [0, 360).")));
        }
    }

    private static void Inside(List<GeometryIssue> issues, string field, double value, double limit, double slack, string unit)
    {
        if (value < -slack || value > limit + slack)
        {
            issues.Add(new GeometryIssue(
                field, value, GeometryIssueKind.OutsideImage, Say($"{field} is {value}{unit}; the image spans 0 to {limit}{unit}.")));
        }
    }
}
