using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Tests.Conversion.ImageExport;
using LabelStudio.Formats.Voc;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// The official converter's numbers to the last bit: crafted exports (case.json <c>"numbers": "exact"</c>) with
/// rotations of 90/180/270/720/-30/359.9 degrees, negative sizes and non-square images, whose expected files the
/// official converter wrote. Text files must be byte-identical and COCO's numbers equal as doubles; the looser
/// 1e-9 comparison of the other fixture tests lets an ulp through, which a diff of two exports does not.
/// </summary>
[TestFixture]
public class OfficialGeometryFixtureTests
{
    private static IEnumerable<TestCaseData> ExactCases() => ImageExportHarness.ExactCases("COCO", "YOLO", "YOLO_OBB", "VOC");

    [TestCaseSource(nameof(ExactCases))]
    public async Task ExportAsync_ExactFixtureCase_NumbersBitIdenticalWithOfficial(string caseName, string format)
    {
        using var work = new TempDirectory();
        IExporter exporter = format switch
        {
            "COCO" => new CocoExporter(),
            "YOLO" => new YoloExporter(),
            "YOLO_OBB" => new YoloObbExporter(),
            _ => new VocExporter(),
        };

        var output = await ImageExportHarness.RunCaseAsync(exporter, caseName, work.Path);

        var expected = Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", format);
        ImageExportHarness.Compare(expected, output, exact: true).Should().BeEmpty();
    }

    [Test]
    public void ExactCases_Fixtures_CoverEveryGeometryFormat()
    {
        // Guards against the cases silently disappearing (a renamed flag would leave this class with nothing to run).
        var names = ExactCases().Select(c => $"{c.Arguments[0]}/{c.Arguments[1]}").ToList();

        names.Should().Contain(["geometry_exact_boxes/COCO", "geometry_exact_boxes/YOLO", "geometry_exact_boxes/YOLO_OBB", "geometry_exact_boxes/VOC", "geometry_exact_pose/YOLO"]);
    }
}
