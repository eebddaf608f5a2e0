using System.Text.Json;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.Masks;

namespace LabelStudio.Formats.Tests.Masks;

public class MaskContoursTests
{
    private static IEnumerable<TestCaseData> Items() =>
        BrushFixture.Regions.Select(r => r.ItemIndex).Distinct()
            .Select(item => new TestCaseData(item).SetName($"{{m}}(image {item})"));

    [TestCaseSource(nameof(Items))]
    public void FindExternal_FixtureMasks_EqualOfficialBrushToCocoPolygons(int item)
    {
        // BRUSH_TO_COCO (formats.md 5.10): per region in order, OpenCV external contours with CHAIN_APPROX_SIMPLE,
        // one annotation per contour with >= 3 points, bbox = boundingRect, area = int(contourArea);
        // image id = item index (one item per annotation).
        using var document = JsonDocument.Parse(File.ReadAllBytes(
            Path.Combine(BrushFixture.Folder, "expected", "BRUSH_TO_COCO", "result_coco.json")));
        var expected = document.RootElement.GetProperty("annotations").EnumerateArray()
            .Where(a => a.GetProperty("image_id").GetInt32() == item)
            .Select(a => (
                Points: a.GetProperty("segmentation")[0].EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                Box: a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                Area: a.GetProperty("area").GetInt32()))
            .ToList();

        var actual = BrushFixture.Regions.Where(r => r.ItemIndex == item)
            .SelectMany(r => MaskContours.FindExternal(BrushRle.DecodeMask(r.Rle, r.Width, r.Height)))
            .Where(c => c.Points.Count >= 3)
            .ToList();

        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].ToFlatArray().Should().Equal(expected[i].Points, $"contour {i}");
            var box = actual[i].GetBoundingBox();
            new[] { box.X, box.Y, box.Width, box.Height }.Should().Equal(expected[i].Box, $"bbox of contour {i}");
            ((int)actual[i].Area).Should().Be(expected[i].Area, $"area of contour {i}");
        }
    }

    [Test]
    public void FindExternal_FilledRectangle_FourCornersCounterClockwiseFromTopLeft()
    {
        // Border following starts at the top-left pixel and goes down the left edge first.
        var mask = new Mask(10, 8);
        for (var y = 2; y <= 5; y++)
        {
            for (var x = 3; x <= 7; x++)
            {
                mask[x, y] = 255;
            }
        }

        var contour = MaskContours.FindExternal(mask).Should().ContainSingle().Which;

        contour.Points.Should().Equal(new PixelPoint(3, 2), new PixelPoint(3, 5), new PixelPoint(7, 5), new PixelPoint(7, 2));
        contour.Area.Should().Be(4 * 3);
    }

    [Test]
    public void FindExternal_RegionInsideHole_IsSkippedLikeRetrExternal()
    {
        // A 7x7 ring (1 pixel thick) with a single pixel in the middle of its hole, and an
        // isolated pixel outside: the ring and the outside pixel are external, the inner pixel is not.
        var mask = new Mask(12, 9);
        for (var i = 0; i < 7; i++)
        {
            mask[i, 0] = mask[i, 6] = mask[0, i] = mask[6, i] = 1;
        }

        mask[3, 3] = 1;
        mask[10, 8] = 1;

        var contours = MaskContours.FindExternal(mask);

        contours.Should().HaveCount(2);
        contours[0].Points.Should().Equal(new PixelPoint(10, 8));
        contours[1].Points.Should().Equal(new PixelPoint(0, 0), new PixelPoint(0, 6), new PixelPoint(6, 6), new PixelPoint(6, 0));
    }

    [Test]
    public void FindExternal_RegionsTouchingImageEdge_AreTraced()
    {
        var mask = new Mask(3, 3, [1, 1, 1, 1, 1, 1, 1, 1, 1]);

        var contour = MaskContours.FindExternal(mask).Should().ContainSingle().Which;

        contour.GetBoundingBox().Should().Be(new AxisAlignedBox(0, 0, 3, 3));
    }

    [Test]
    public void FindExternal_EmptyMask_NoContours()
    {
        MaskContours.FindExternal(new Mask(5, 5)).Should().BeEmpty();
    }
}
