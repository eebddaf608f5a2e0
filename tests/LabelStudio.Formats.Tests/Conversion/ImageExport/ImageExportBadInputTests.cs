using LabelStudio.Config;
using LabelStudio.Formats.Brush;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Voc;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

[TestFixture]
public class ImageExportBadInputTests
{
    private const string RectConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>
        </View>
        """;

    private static IEnumerable<TestCaseData> Exporters()
    {
        yield return new TestCaseData(new CocoExporter()).SetArgDisplayNames("COCO");
        yield return new TestCaseData(new YoloExporter()).SetArgDisplayNames("YOLO");
        yield return new TestCaseData(new YoloObbExporter()).SetArgDisplayNames("YOLO_OBB");
        yield return new TestCaseData(new VocExporter()).SetArgDisplayNames("VOC");
    }

    [TestCaseSource(nameof(Exporters))]
    public async Task ExportAsync_NoConfig_ThrowsConversionException(IExporter exporter)
    {
        using var output = new TempDirectory();

        var act = () => ImageExportHarness.RunAsync(exporter, ImageExportHarness.TasksFromJson("[]"), null, output.Path);

        await act.Should().ThrowAsync<ConversionException>().WithMessage("*config*");
    }

    [TestCaseSource(nameof(Exporters))]
    public async Task ExportAsync_ConfigWithoutImage_ThrowsConversionExceptionNamingImage(IExporter exporter)
    {
        using var output = new TempDirectory();
        var config = LabelConfig.Parse("""<View><Text name="text" value="$text"/><Labels name="l" toName="text"><Label value="A"/></Labels></View>""");

        var act = () => ImageExportHarness.RunAsync(exporter, ImageExportHarness.TasksFromJson("[]"), config, output.Path);

        await act.Should().ThrowAsync<ConversionException>().WithMessage("*Image*");
        exporter.IsSupported(config).Should().BeFalse();
    }

    [TestCaseSource(nameof(Exporters))]
    public async Task ExportAsync_HostileTasks_NothingCrashesAndEveryLossIsReported(IExporter exporter)
    {
        using var output = new TempDirectory();
        // No image, a cancelled-only task, a region of an unknown control, an unlabeled box, a relation.
        const string tasks = """
            [
              {"id": 1, "data": {"other": "x"}, "annotations": [{"id": 1, "result": [{"id": "r", "type": "rectanglelabels", "from_name": "label", "to_name": "image", "original_width": 10, "original_height": 10, "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["Car"]}}]}]},
              {"id": 2, "data": {"image": "/data/upload/1/b.jpg"}, "annotations": [{"id": 2, "was_cancelled": true, "result": []}]},
              {"id": 3, "data": {"image": "/data/upload/1/c.jpg"}, "annotations": [{"id": 3, "result": [
                {"id": "u", "type": "rectanglelabels", "from_name": "nope", "to_name": "image", "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["Car"]}},
                {"id": "e", "type": "rectanglelabels", "from_name": "label", "to_name": "image", "original_width": 10, "original_height": 10, "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rotation": 0, "rectanglelabels": []}},
                {"type": "relation", "from_id": "e", "to_id": "u", "direction": "right"}
              ]}]}
            ]
            """;

        var report = await ImageExportHarness.RunAsync(exporter, ImageExportHarness.TasksFromJson(tasks), LabelConfig.Parse(RectConfig), output.Path);

        report.TasksRead.Should().Be(3);
        report.DroppedTasks.Should().Be(1);
        report.CountsByReason.Should().ContainKeys("missing-image", "only-cancelled-annotations", "control-not-in-config", "relation-not-exported", "no-labels");
        Directory.EnumerateFiles(output.Path, "*", SearchOption.AllDirectories).Should().NotContain(f => f.Contains("b.", StringComparison.Ordinal));
    }

    [Test]
    public async Task ExportAsync_BrushWithCorruptRle_DroppedWithReason()
    {
        using var output = new TempDirectory();
        var config = LabelConfig.Parse("""<View><Image name="image" value="$image"/><BrushLabels name="tag" toName="image"><Label value="Car"/></BrushLabels></View>""");
        const string tasks = """
            [{"id": 1, "data": {"image": "/data/upload/1/a.jpg"}, "annotations": [{"id": 1, "completed_by": 1, "result": [
              {"id": "b", "type": "brushlabels", "from_name": "tag", "to_name": "image", "original_width": 4, "original_height": 4, "value": {"format": "rle", "rle": [0, 0, 0, 64, 255, 255], "brushlabels": ["Car"]}}
            ]}]}]
            """;

        var report = await ImageExportHarness.RunAsync(new BrushToPngExporter(), ImageExportHarness.TasksFromJson(tasks), config, output.Path);

        report.Issues.Should().ContainSingle(i => i.Reason == "invalid-rle" && i.RegionId == "b");
        Directory.EnumerateFiles(output.Path).Should().BeEmpty();
    }

    [Test]
    public void ClassMap_DuplicateName_ThrowsNamingBothIds()
    {
        var act = () => ClassMap.Parse("Car\nTruck\nCar\n");

        act.Should().Throw<ArgumentException>().WithMessage("*'Car'*0*2*");
    }

    [Test]
    public void ClassMap_EmptyLineInside_Throws()
    {
        var act = () => ClassMap.Parse("Car\n\nTruck\n");

        act.Should().Throw<ArgumentException>().WithMessage("*Class 1*");
    }
}
