using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Tests.Masks;

public class MaskPolygonsTests
{
    [Test]
    public void ToMask_AxisAlignedRectangleOnPixelEdges_FillsExactlyCoveredPixels()
    {
        // Rectangle from (2, 1) to (5, 3): pixel centres x + 0.5 in [2, 5) -> x = 2, 3, 4; y = 1, 2.
        Point2[] square = [new(2, 1), new(5, 1), new(5, 3), new(2, 3)];

        var mask = MaskPolygons.ToMask(square, 8, 6, 255);

        mask.CountNonZero().Should().Be(6);
        for (var y = 0; y < 6; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                mask[x, y].Should().Be(x is >= 2 and <= 4 && y is >= 1 and <= 2 ? (byte)255 : (byte)0, $"pixel ({x}, {y})");
            }
        }
    }

    [Test]
    public void ToMask_PolygonsSharingEdge_NeverClaimSamePixel()
    {
        // Two halves of a 6x6 square split on x = 3: together they cover 36 pixels once.
        Point2[] left = [new(0, 0), new(3, 0), new(3, 6), new(0, 6)];
        Point2[] right = [new(3, 0), new(6, 0), new(6, 6), new(3, 6)];

        var a = MaskPolygons.ToMask(left, 6, 6, 1);
        var b = MaskPolygons.ToMask(right, 6, 6, 1);

        a.CountNonZero().Should().Be(18);
        b.CountNonZero().Should().Be(18);
        a.Pixels.ToArray().Zip(b.Pixels.ToArray()).Should().NotContain(p => p.First == 1 && p.Second == 1);
    }

    [Test]
    public void ToMask_TriangleLargerThanMask_IsClippedNotThrown()
    {
        // A triangle covering the whole 4x4 mask and more (its long edge is the line x + y = 200).
        Point2[] triangle = [new(-100, -100), new(300, -100), new(-100, 300)];

        MaskPolygons.ToMask(triangle, 4, 4, 1).CountNonZero().Should().Be(16);
    }

    [Test]
    public void Fill_NaNVertex_ThrowsNamingVertex()
    {
        Point2[] polygon = [new(0, 0), new(double.NaN, 1), new(1, 1)];

        var act = () => MaskPolygons.ToMask(polygon, 4, 4, 1);

        act.Should().Throw<ArgumentException>().WithMessage("Vertex 1*");
    }

    [Test]
    public void ToMask_RandomRectanglesViaContours_AreaMatchesPixelCount()
    {
        // For a solid rectangle of w x h pixels the contour runs through the corner pixel centres:
        // its shoelace area is (w - 1) x (h - 1).
        var random = new Random(21);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var x = random.Next(0, 20);
            var y = random.Next(0, 20);
            var w = random.Next(2, 20);
            var h = random.Next(2, 20);
            Point2[] rectangle = [new(x, y), new(x + w, y), new(x + w, y + h), new(x, y + h)];
            var mask = MaskPolygons.ToMask(rectangle, 40, 40, 1);

            mask.CountNonZero().Should().Be(w * h);
            MaskContours.FindExternal(mask).Should().ContainSingle().Which.Area.Should().Be((w - 1) * (h - 1));
        }
    }
}
