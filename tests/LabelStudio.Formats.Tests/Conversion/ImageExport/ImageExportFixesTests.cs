using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

/// <summary>The deliberate fixes of the official converter's bugs, each behind an option (issue 5 item 3).</summary>
[TestFixture]
public class ImageExportFixesTests
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Car"/>
            <Label value="Person" category="5"/>
            <Label value="Bicycle" alias="bike"/>
          </RectangleLabels>
          <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
          <Choices name="quality" toName="image"><Choice value="good"/></Choices>
        </View>
        """;

    private static string Task(string results) => $$"""
        [{"id": 1, "data": {"image": "/data/upload/1/street.jpg"},
          "annotations": [{"id": 10, "completed_by": 1, "result": [{{results}}]}]}]
        """;

    private static string Rect(string id, double x, double y, double w, double h, string label, double rotation = 0, bool sized = true) =>
        $$$"""{"id": "{{{id}}}", "type": "rectanglelabels", "from_name": "label", "to_name": "image", {{{(sized ? "\"original_width\": 1000, \"original_height\": 500," : "")}}} "value": {"x": {{{x}}}, "y": {{{y}}}, "width": {{{w}}}, "height": {{{h}}}, "rotation": {{{rotation}}}, "rectanglelabels": ["{{{label}}}"]}}""";

    [Test]
    public async Task ExportAsync_YoloConfigOrder_ClassIdsFollowConfigAndClassesTxtLineIsId()
    {
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 10, 20, 30, 40, "Person") + "," + Rect("b", 0, 0, 10, 10, "Tractor")));

        var report = await ImageExportHarness.RunAsync(new YoloExporter(), tasks, LabelConfig.Parse(Config), output.Path, new ImageExportOptions { ClassIdOrder = ClassIdOrder.ConfigOrder });

        // Config order of region labels (alias for Bicycle, Choices left out): Car 0, Person 1, bike 2, Road 3.
        File.ReadAllText(Path.Combine(output.Path, "classes.txt")).Should().Be("Car\nPerson\nbike\nRoad\n");
        File.ReadAllText(Path.Combine(output.Path, "labels", "street.txt")).Should().Be("1 0.25 0.4 0.3 0.4\n");
        report.DroppedRegions.Should().Be(1);
        report.CountsByReason.Should().ContainKey("label-not-in-classes");
    }

    [Test]
    public async Task ExportAsync_YoloOfficialOrder_ExplicitCategoryKeepsIdButClassesTxtListsItFirst()
    {
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 10, 20, 30, 40, "Person")));

        await ImageExportHarness.RunAsync(new YoloExporter(), tasks, LabelConfig.Parse(Config), output.Path);

        // Official: Person keeps category 5 and is listed first; the rest sorted by code point take 0, 1, 2, 3.
        File.ReadAllText(Path.Combine(output.Path, "classes.txt")).Should().Be("Person\nCar\nRoad\nbike\ngood\n");
        File.ReadAllText(Path.Combine(output.Path, "labels", "street.txt")).Should().Be("5 0.25 0.4 0.3 0.4\n");
    }

    [Test]
    public async Task ExportAsync_SharedClassMap_UsesMapIdsAndDropsOtherLabels()
    {
        using var output = new TempDirectory();
        var map = ClassMap.Parse("Truck\nCar\n");
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 10, 20, 30, 40, "Car") + "," + Rect("b", 0, 0, 10, 10, "Person")));

        var report = await ImageExportHarness.RunAsync(new YoloExporter(), tasks, LabelConfig.Parse(Config), output.Path, new ImageExportOptions { ClassMap = map });

        File.ReadAllText(Path.Combine(output.Path, "classes.txt")).Should().Be("Truck\nCar\n");
        File.ReadAllText(Path.Combine(output.Path, "labels", "street.txt")).Should().Be("1 0.25 0.4 0.3 0.4\n");
        report.Issues.Should().ContainSingle(i => i.Reason == "label-not-in-classes" && i.RegionId == "b");
    }

    [Test]
    public async Task ExportAsync_CocoRotatedBoxesInPixels_EnclosingBoxIsRotatedInPixelSpace()
    {
        // 20% x 10% of 1000x500 = 200 x 50 px at (500, 250), turned 90 degrees clockwise about its top-left
        // corner: it spans x 450..500 and y 250..450, so the box is [450, 250, 50, 200].
        var bbox = await CocoBboxAsync(new ImageExportOptions { RotatedBoxesInPixels = true });

        bbox.Should().Equal(450, 250, 50, 200);
    }

    [Test]
    public async Task ExportAsync_CocoDefaultRotation_ReproducesPercentSpaceBox()
    {
        // Official: rotated in percent space (x 40..50 %, y 50..70 %), then scaled: [400, 250, 100, 100].
        var bbox = await CocoBboxAsync(new ImageExportOptions());

        bbox.Should().Equal(400, 250, 100, 100);
    }

    [Test]
    public async Task ExportAsync_CocoRotatedZeroWidth_TrueGeometryWhereOfficialStops()
    {
        // The official rotated_rectangle divides by the width (ZeroDivisionError). We take the true geometry: a
        // 0 x 10 % box at (50, 50) %, turned 90 degrees about its top-left corner, lies along x 40..50 % at y 50 %;
        // scaled to 1000 x 500 that is [400, 250, 100, 0].
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 50, 50, 0, 10, "Car", rotation: 90)));

        await ImageExportHarness.RunAsync(new CocoExporter(), tasks, LabelConfig.Parse(Config), output.Path);

        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "result.json")));
        var annotation = result.RootElement.GetProperty("annotations")[0];
        annotation.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).Should().Equal(400, 250, 100, 0);
        annotation.GetProperty("area").GetDouble().Should().Be(0);
    }

    [Test]
    public async Task ExportAsync_CocoUnsizedBoxAfterSizedOne_DroppedAndReportedByDefault()
    {
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 10, 20, 30, 40, "Car") + "," + Rect("b", 10, 10, 10, 10, "Car", sized: false)));

        var report = await ImageExportHarness.RunAsync(new CocoExporter(), tasks, LabelConfig.Parse(Config), output.Path);

        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "result.json")));
        result.RootElement.GetProperty("annotations").GetArrayLength().Should().Be(1);
        report.Issues.Should().ContainSingle(i => i.Reason == "missing-image-size" && i.RegionId == "b");
    }

    [Test]
    public async Task ExportAsync_CocoUnsizedBoxWithImageSizeOption_UsesTheImageSize()
    {
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 10, 20, 30, 40, "Car") + "," + Rect("b", 10, 10, 10, 10, "Car", sized: false)));

        var report = await ImageExportHarness.RunAsync(new CocoExporter(), tasks, LabelConfig.Parse(Config), output.Path, new ImageExportOptions { UseImageSizeForUnsizedRegions = true });

        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "result.json")));
        var second = result.RootElement.GetProperty("annotations")[1].GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble());
        second.Should().Equal(100, 50, 100, 50); // 10 % of the 1000x500 image the first box sized
        report.IsLossless.Should().BeTrue();
    }

    private static async Task<double[]> CocoBboxAsync(ImageExportOptions options)
    {
        using var output = new TempDirectory();
        var tasks = ImageExportHarness.TasksFromJson(Task(Rect("a", 50, 50, 20, 10, "Car", rotation: 90)));

        await ImageExportHarness.RunAsync(new CocoExporter(), tasks, LabelConfig.Parse(Config), output.Path, options);

        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output.Path, "result.json")));
        return [.. result.RootElement.GetProperty("annotations")[0].GetProperty("bbox").EnumerateArray().Select(e => Math.Round(e.GetDouble(), 9))];
    }
}
