using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Tests.Geometry;

public class RotatedBoxTests
{
    private static IEnumerable<TestCaseData> Rectangles() => RectangleFixture.Cases();

    [TestCaseSource(nameof(Rectangles))]
    public void GetCorners_FixtureRectangleInPixels_EqualsOfficialYoloObbCorners(FixtureRectangle r)
    {
        // YOLO_OBB: corners in pixel space, rotating about the top-left corner, then divided by width/height.
        var size = new ImageSize(r.ImageWidth, r.ImageHeight);
        var corners = new RotatedBox(r.X, r.Y, r.Width, r.Height, r.Rotation).PercentToPixels(size).GetCorners();

        var normalized = corners.SelectMany(c => new[] { c.X / size.Width, c.Y / size.Height }).ToArray();

        normalized.Should().HaveCount(8);
        for (var i = 0; i < 8; i++)
        {
            normalized[i].Should().BeApproximately(r.ObbLine[i], 1e-12, $"coordinate {i}");
        }
    }

    [TestCaseSource(nameof(Rectangles))]
    public void PercentToYolo_FixtureRectangle_EqualsOfficialYoloLineExactly(FixtureRectangle r)
    {
        // Plain YOLO ignores rotation: (x + w/2)/100, (y + h/2)/100, w/100, h/100 - same IEEE operations, same bits.
        var (cx, cy, w, h) = new AxisAlignedBox(r.X, r.Y, r.Width, r.Height).PercentToYolo();

        new[] { cx, cy, w, h }.Should().Equal(r.YoloLine);
    }

    [Test]
    public void GetCorners_Unrotated_AreExactBoxCorners()
    {
        new RotatedBox(10, 20, 30, 40, 0).GetCorners().Should().Equal(
            new Point2(10, 20), new Point2(40, 20), new Point2(40, 60), new Point2(10, 60));
    }

    [Test]
    public void GetCorners_Rotated90_TurnsClockwiseOnScreenAboutTopLeft()
    {
        // y points down: turning the width vector (30, 0) by 90 degrees clockwise on screen gives (0, 30);
        // the height vector (0, 40) becomes (-40, 0).
        new RotatedBox(10, 20, 30, 40, 90).GetCorners().Should().Equal(
            new Point2(10, 20), new Point2(10, 50), new Point2(-30, 50), new Point2(-30, 20));
    }

    [Test]
    public void GetPixelBounds_Rotated90OnWideImage_RotatesInPixelSpace()
    {
        // 10% x 10% of a 1000 x 500 image is 100 x 50 px; turned by 90 degrees it covers 50 px across and 100 px down.
        var bounds = new RotatedBox(50, 20, 10, 10, 90).GetPixelBounds(new ImageSize(1000, 500));

        bounds.Should().Be(new AxisAlignedBox(450, 100, 50, 100));
    }

    [Test]
    public void Normalize_NegativeSizes_SameCornersWithPositiveSizes()
    {
        var random = new Random(17);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            var box = new RotatedBox(
                random.NextDouble() * 100, random.NextDouble() * 100,
                (random.NextDouble() * 100) - 50, (random.NextDouble() * 100) - 50,
                (random.NextDouble() * 720) - 360);

            var normalized = box.Normalize();

            normalized.Width.Should().BeGreaterThanOrEqualTo(0);
            normalized.Height.Should().BeGreaterThanOrEqualTo(0);
            normalized.Rotation.Should().BeInRange(0, 360).And.NotBe(360);
            var before = box.GetCorners();
            foreach (var corner in normalized.GetCorners())
            {
                before.Should().Contain(
                    c => Math.Abs(c.X - corner.X) < 1e-9 && Math.Abs(c.Y - corner.Y) < 1e-9,
                    $"iteration {iteration}: every corner of the normalized box is a corner of the original");
            }
        }
    }

    [Test]
    public void Normalize_UnrotatedBoxDrawnUpwards_MovesTopLeft()
    {
        new RotatedBox(50, 60, -20, -10, 0).Normalize().Should().Be(new RotatedBox(30, 50, 20, 10, 0));
    }

    [Test]
    public void PercentToPixels_PixelsToPercent_RoundTrips()
    {
        var random = new Random(19);
        for (var iteration = 0; iteration < 500; iteration++)
        {
            var size = new ImageSize(random.Next(1, 8000), random.Next(1, 8000));
            var box = new RotatedBox(random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 360);

            var back = box.PercentToPixels(size).PixelsToPercent(size);

            back.X.Should().BeApproximately(box.X, 1e-9);
            back.Y.Should().BeApproximately(box.Y, 1e-9);
            back.Width.Should().BeApproximately(box.Width, 1e-9);
            back.Height.Should().BeApproximately(box.Height, 1e-9);
            back.Rotation.Should().Be(box.Rotation);
        }
    }

    [Test]
    public void Center_RandomBoxes_IsMeanOfCorners()
    {
        var random = new Random(23);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var box = new RotatedBox(random.NextDouble() * 100, random.NextDouble() * 100, random.NextDouble() * 50, random.NextDouble() * 50, random.NextDouble() * 360);
            var corners = box.GetCorners();

            box.Center.X.Should().BeApproximately(corners.Average(c => c.X), 1e-9);
            box.Center.Y.Should().BeApproximately(corners.Average(c => c.Y), 1e-9);
        }
    }
}
