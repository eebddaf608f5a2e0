using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Tests.Geometry;

public class GeometryTests
{
    [TestCase(50, 200, 100)]
    [TestCase(12.5, 640, 80)]
    [TestCase(0, 640, 0)]
    [TestCase(100, 427, 427)]
    public void Coordinates_PercentToPixels_IsPercentOfSize(double percent, double size, double pixels)
    {
        Coordinates.PercentToPixels(percent, size).Should().Be(pixels);
        Coordinates.PixelsToPercent(pixels, size).Should().Be(percent);
    }

    [Test]
    public void Coordinates_NormalizedConversions_AreInverse()
    {
        Coordinates.PercentToNormalized(25).Should().Be(0.25);
        Coordinates.NormalizedToPercent(0.25).Should().Be(25);
        Coordinates.PixelsToNormalized(160, 640).Should().Be(0.25);
        Coordinates.NormalizedToPixels(0.25, 640).Should().Be(160);
    }

    [TestCase(-90, 270)]
    [TestCase(720, 0)]
    [TestCase(359.5, 359.5)]
    [TestCase(360, 0)]
    [TestCase(-1e-20, 0)]
    public void Coordinates_NormalizeDegrees_InZeroTo360(double degrees, double expected)
    {
        Coordinates.NormalizeDegrees(degrees).Should().Be(expected);
    }

    [Test]
    public void ImageSize_NonPositive_Throws()
    {
        var act = () => new ImageSize(0, 10);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("width");
    }

    [Test]
    public void AxisAlignedBox_FromYolo_InvertsPercentToYolo()
    {
        var box = new AxisAlignedBox(10, 20, 30, 40);
        var (cx, cy, w, h) = box.PercentToYolo();

        // (10 + 15)/100, (20 + 20)/100, 0.3, 0.4.
        (cx, cy, w, h).Should().Be((0.25, 0.4, 0.3, 0.4));
        var back = AxisAlignedBox.FromYolo(cx, cy, w, h);
        back.X.Should().BeApproximately(10, 1e-12);
        back.Y.Should().BeApproximately(20, 1e-12);
    }

    [Test]
    public void Polygons_SignedArea_PositiveClockwiseOnScreen()
    {
        // Right, then down, then left: clockwise when y points down.
        Point2[] square = [new(0, 0), new(2, 0), new(2, 2), new(0, 2)];

        Polygons.SignedArea(square).Should().Be(4);
        Polygons.SignedArea(square.Reverse().ToArray()).Should().Be(-4);
        Polygons.Area(square.Reverse().ToArray()).Should().Be(4);
        Polygons.GetBounds(square).Should().Be(new AxisAlignedBox(0, 0, 2, 2));
        Polygons.Perimeter(square).Should().Be(8);
    }

    [Test]
    public void Polygons_FlattenUnflatten_RoundTrips()
    {
        Point2[] points = [new(1, 2), new(3, 4), new(5, 6)];

        Polygons.Flatten(points).Should().Equal(1, 2, 3, 4, 5, 6);
        Polygons.Unflatten(Polygons.Flatten(points)).Should().Equal(points);
        var act = () => Polygons.Unflatten([1, 2, 3]);
        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Ellipse_ToPolygon_VerticesLieOnEllipseAndInsideBounds()
    {
        var random = new Random(29);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var ellipse = new Ellipse(
                random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 50, random.NextDouble() * 50, random.NextDouble() * 360);
            var bounds = ellipse.GetBounds();
            var (sin, cos) = Math.SinCos(-ellipse.Rotation * Math.PI / 180);

            foreach (var p in ellipse.ToPolygon(64))
            {
                // Rotating back about the centre gives a point of the axis-aligned ellipse: (dx/rx)^2 + (dy/ry)^2 = 1.
                var dx = ((p.X - ellipse.CenterX) * cos) - ((p.Y - ellipse.CenterY) * sin);
                var dy = ((p.X - ellipse.CenterX) * sin) + ((p.Y - ellipse.CenterY) * cos);
                if (ellipse.RadiusX > 1e-6 && ellipse.RadiusY > 1e-6)
                {
                    ((dx * dx / (ellipse.RadiusX * ellipse.RadiusX)) + (dy * dy / (ellipse.RadiusY * ellipse.RadiusY))).Should().BeApproximately(1, 1e-6);
                }

                p.X.Should().BeInRange(bounds.X - 1e-9, bounds.Right + 1e-9);
                p.Y.Should().BeInRange(bounds.Y - 1e-9, bounds.Bottom + 1e-9);
            }
        }
    }

    [Test]
    public void Ellipse_ManyVertices_PolygonAreaApproachesPiAB()
    {
        var ellipse = new Ellipse(50, 50, 20, 10, 30);

        Polygons.Area(ellipse.ToPolygon(4096)).Should().BeApproximately(ellipse.Area, ellipse.Area * 1e-5);
    }

    [Test]
    public void Ellipse_Unrotated_BoundsAreCentrePlusMinusRadii()
    {
        new Ellipse(50, 40, 20, 10, 0).GetBounds().Should().Be(new AxisAlignedBox(30, 30, 40, 20));
        new Ellipse(50, 40, 20, 10, 90).GetBounds().Should().Be(new AxisAlignedBox(40, 20, 20, 40));
    }

    [Test]
    public void Ellipse_PercentToPixels_ScalesRadiiByTheirAxis()
    {
        var pixels = new Ellipse(50, 50, 10, 10, 0).PercentToPixels(new ImageSize(1000, 500));

        pixels.Should().Be(new Ellipse(500, 250, 100, 50, 0));
    }
}
