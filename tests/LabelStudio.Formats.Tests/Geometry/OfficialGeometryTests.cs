using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Tests.Geometry;

public class OfficialGeometryTests
{
    private static IEnumerable<TestCaseData> Rectangles() => RectangleFixture.Cases();

    [TestCaseSource(nameof(Rectangles))]
    public void YoloObbCorners_FixtureRectangle_EqualsOfficialLineBitForBit(FixtureRectangle r)
    {
        Span<Point2> corners = stackalloc Point2[4];

        OfficialGeometry.YoloObbCorners(r.X, r.Y, r.Width, r.Height, r.Rotation, r.ImageWidth, r.ImageHeight, corners);

        var actual = new double[8];
        for (var i = 0; i < 4; i++)
        {
            (actual[2 * i], actual[(2 * i) + 1]) = (corners[i].X, corners[i].Y);
        }

        // Python's repr round-trips, so the parsed line holds the official doubles themselves.
        actual.Should().Equal(r.ObbLine);
    }

    [Test]
    public void YoloObbCorners_NinetyDegrees_KeepsCosineResidueAsOfficial()
    {
        // math.radians(90) = 90 * (pi / 180) rounds to the double nearest pi/2, whose cosine is 6.123233995736766e-17,
        // not 0: corner 1 of a 100 x 100 % box at (0, 0) in a 100 x 100 image is x = 0 + 100 px * cos, divided by
        // 100 px, where exact 90 degrees would give 0.
        Span<Point2> corners = stackalloc Point2[4];

        OfficialGeometry.YoloObbCorners(0, 0, 100, 100, 90, 100, 100, corners);

        corners[1].X.Should().Be(100 * Math.Cos(Math.PI / 2) / 100).And.NotBe(0);
        corners[1].Y.Should().Be(1);
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    public void CocoRotatedBounds_ZeroWidth_ReturnsNull(double width)
    {
        // The official converter divides by the width (atan(h / w)) and stops with ZeroDivisionError.
        OfficialGeometry.CocoRotatedBounds(10, 10, width, 5, 30).Should().BeNull();
    }

    [Test]
    public void CocoRotatedBounds_NegativeWidth_ReproducesOfficialDisplacedBox()
    {
        // A -20 x 10 box at (50, 50) turned 90 degrees truly spans x 40..50, y 30..50. The official formula puts the
        // centre at x + w/2 + radius * (cos(alpha + beta) - cos(alpha)) with alpha = atan(h/w) in the wrong quadrant
        // for w < 0, i.e. 2 * radius * (cos(alpha + beta) - cos(alpha)) = (-10, +30) off: [30, 60, 10, 20], which is
        // what label_studio_sdk's Converter.rotated_rectangle returns for this label.
        var box = OfficialGeometry.CocoRotatedBounds(50, 50, -20, 10, 90)!.Value;

        box.X.Should().BeApproximately(30, 1e-12);
        box.Y.Should().BeApproximately(60, 1e-12);
        box.Width.Should().BeApproximately(10, 1e-12);
        box.Height.Should().BeApproximately(20, 1e-12);
    }

    [Test]
    public void CocoRotatedBounds_HalfTurn_CoversTheBoxMirroredAboutItsPivot()
    {
        // 180 degrees about the top-left corner (40, 30): the 20 x 10 box spans x 20..40 and y 20..30, up to the
        // last bits of cos/sin(pi - alpha - pi); the official arithmetic is checked bit for bit by the fixtures.
        var box = OfficialGeometry.CocoRotatedBounds(40, 30, 20, 10, 180)!.Value;

        box.X.Should().BeApproximately(20, 1e-12);
        box.Y.Should().BeApproximately(20, 1e-12);
        box.Width.Should().BeApproximately(20, 1e-12);
        box.Height.Should().BeApproximately(10, 1e-12);
    }
}
