using System.Text.Json;
using LabelStudio.Formats.Geometry;
using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests.Geometry;

public class CoordinatesFixtureTests
{
    [Test]
    public void PercentToPixels_UnrotatedRectangles_EqualOfficialCocoBboxBitForBit()
    {
        // The official COCO exporter writes bbox = [x*W/100, y*H/100, w*W/100, h*H/100] with the region's
        // original size (formats.md 5.6). Every unrotated, sized rectangle of synthetic_image_small must
        // therefore appear, to the last bit, among the expected bboxes. (x/100*W rounds differently for
        // most of them, so the arithmetic order is what this test pins down.)
        var folder = Path.Combine(RepositoryPaths.TestData, "Formats", "synthetic_image_small");
        using var export = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "export.json")));
        using var coco = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "expected", "COCO", "result.json")));
        var expected = coco.RootElement.GetProperty("annotations").EnumerateArray()
            .Select(a => a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .Where(b => b.Length == 4)
            .Select(b => (b[0], b[1], b[2], b[3]))
            .ToHashSet();

        var checkedCount = 0;
        foreach (var task in export.RootElement.EnumerateArray())
        {
            foreach (var annotation in task.GetProperty("annotations").EnumerateArray())
            {
                if (annotation.TryGetProperty("was_cancelled", out var cancelled) && cancelled.GetBoolean())
                {
                    continue;
                }

                foreach (var region in annotation.GetProperty("result").EnumerateArray())
                {
                    var value = region.GetProperty("value");
                    if (region.GetProperty("type").GetString() != "rectanglelabels"
                        || (value.TryGetProperty("rotation", out var rotation) && rotation.GetDouble() != 0))
                    {
                        continue;
                    }

                    var size = new ImageSize(region.GetProperty("original_width").GetDouble(), region.GetProperty("original_height").GetDouble());
                    var box = new AxisAlignedBox(
                        value.GetProperty("x").GetDouble(),
                        value.GetProperty("y").GetDouble(),
                        value.GetProperty("width").GetDouble(),
                        value.GetProperty("height").GetDouble()).PercentToPixels(size);

                    expected.Should().Contain((box.X, box.Y, box.Width, box.Height), $"region {region.GetProperty("id").GetString()}");
                    checkedCount++;
                }
            }
        }

        checkedCount.Should().Be(90);
    }
}
