using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

/// <summary>
/// COCO and YOLO render tasks on several threads; what depends on the order (ids, categories appended on first
/// sight, issue order) must come out as a single pass over the tasks gives it. 300 tasks cross several chunks.
/// </summary>
public class ParallelExportOrderTests
{
    private const int TaskCount = 300;
    private const int LateTask = 150;

    private const string Config = """
        <View><Image name="image" value="$image"/>
        <RectangleLabels name="label" toName="image"><Label value="Dog"/><Label value="Cat"/></RectangleLabels></View>
        """;

    [Test]
    public async Task ExportAsync_Coco_IdsCategoriesAndIssuesFollowTaskOrder()
    {
        using var output = new TempDirectory();

        var report = await ImageExportHarness.RunAsync(new CocoExporter(), ImageExportHarness.TasksFromJson(TasksJson()), LabelConfig.Parse(Config), output.Path);

        using var result = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output.Path, "result.json")));
        var categories = result.RootElement.GetProperty("categories").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetInt32(), Name: c.GetProperty("name").GetString()!)).ToList();
        var expectedNames = ExpectedClassNames(lateRegistered: true);
        categories.Select(c => c.Name).Should().Equal(expectedNames);
        categories.Select(c => c.Id).Should().Equal(Enumerable.Range(0, expectedNames.Count));

        // One written annotation per task (the late unsized box is dropped): id k, image k, the label's category.
        var annotations = result.RootElement.GetProperty("annotations").EnumerateArray().ToList();
        annotations.Should().HaveCount(TaskCount);
        for (var k = 0; k < TaskCount; k++)
        {
            annotations[k].GetProperty("id").GetInt64().Should().Be(k);
            annotations[k].GetProperty("image_id").GetInt64().Should().Be(k);
            annotations[k].GetProperty("category_id").GetInt32().Should().Be(expectedNames.IndexOf(LabelOf(k)), "task {0}", k);
        }

        result.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Equal(Enumerable.Range(0, TaskCount).Select(i => (long)i));
        report.Issues.Select(i => (i.TaskIndex, i.Reason)).Should().Equal(ExpectedIssues(cocoDropsLateBox: true));
    }

    [Test]
    public async Task ExportAsync_Yolo_ClassIdsAndIssuesFollowTaskOrder()
    {
        using var output = new TempDirectory();

        var report = await ImageExportHarness.RunAsync(new YoloExporter(), ImageExportHarness.TasksFromJson(TasksJson()), LabelConfig.Parse(Config), output.Path);

        // YOLO writes the late box (it needs no size), so its label is appended at the same place.
        var expectedNames = ExpectedClassNames(lateRegistered: true);
        (await File.ReadAllLinesAsync(Path.Combine(output.Path, "classes.txt"))).Should().Equal(expectedNames);
        for (var k = 0; k < TaskCount; k++)
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(output.Path, "labels", $"img{k}.txt"));
            var expectedIds = k == LateTask ? new[] { expectedNames.IndexOf(LabelOf(k)), expectedNames.IndexOf("Late") } : [expectedNames.IndexOf(LabelOf(k))];
            lines.Select(l => int.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture)).Should().Equal(expectedIds, "task {0}", k);
        }

        report.Issues.Select(i => (i.TaskIndex, i.Reason)).Should().Equal(ExpectedIssues(cocoDropsLateBox: false));
    }

    // A report that keeps only the first few issues counts the rest without their objects being built (the workers ask
    // the run's report whether it is full): the counts, and the issues it keeps, must be those of an unlimited report.
    [TestCase("COCO")]
    [TestCase("YOLO")]
    public async Task ExportAsync_ReportKeepsFewIssues_CountsAndFirstIssuesAsUnlimited(string format)
    {
        const int Kept = 5;
        using var limitedOutput = new TempDirectory();
        using var unlimitedOutput = new TempDirectory();

        // Every task: a box, a box of a label the class map lacks, and a classification (a type neither format writes).
        var json = new StringBuilder("[");
        for (var k = 0; k < TaskCount; k++)
        {
            json.Append(k > 0 ? "," : string.Empty)
                .Append(CultureInfo.InvariantCulture, $$"""{"id":{{k + 1}},"data":{"image":"/data/upload/1/img{{k}}.jpg"},"annotations":[{"id":{{k + 1}},"result":[""")
                .Append(Box("a", "Cat", sized: true)).Append(',').Append(Box("u", "Unmapped", sized: true))
                .Append(""",{"id":"c","type":"choices","from_name":"scene","to_name":"image","value":{"choices":["Indoor"]}}]}]}""");
        }

        var tasks = json.Append(']').ToString();
        var config = LabelConfig.Parse(Config.Replace("</View>", """<Choices name="scene" toName="image"><Choice value="Indoor"/></Choices></View>""", StringComparison.Ordinal));
        var options = new ImageExportOptions { ClassMap = new ClassMap(["Cat", "Dog"]) };
        IExporter NewExporter() => format == "COCO" ? new CocoExporter() : new YoloExporter();

        var limited = await ImageExportHarness.RunAsync(NewExporter(), ImageExportHarness.TasksFromJson(tasks), config, limitedOutput.Path, new ConversionReport(Kept), options);
        var unlimited = await ImageExportHarness.RunAsync(NewExporter(), ImageExportHarness.TasksFromJson(tasks), config, unlimitedOutput.Path, new ConversionReport(int.MaxValue), options);

        // Two dropped regions per task, in region order: the unmapped label, then the classification.
        unlimited.DroppedRegions.Should().Be(2 * TaskCount);
        unlimited.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long> { ["label-not-in-classes"] = TaskCount, ["unsupported-region-type"] = TaskCount });
        limited.DroppedRegions.Should().Be(unlimited.DroppedRegions);
        limited.Warnings.Should().Be(unlimited.Warnings);
        limited.CountsByReason.Should().BeEquivalentTo(unlimited.CountsByReason);
        limited.Issues.Should().Equal(unlimited.Issues.Take(Kept));
        limited.Issues.Select(i => (i.TaskIndex, i.Reason, i.RegionId)).Should().Equal(
            (0L, "label-not-in-classes", "u"), (0L, "unsupported-region-type", "c"), (1L, "label-not-in-classes", "u"), (1L, "unsupported-region-type", "c"), (2L, "label-not-in-classes", "u"));
    }

    // Every fourth task is a Cat; the others carry labels the config does not know, met in the order of (7k mod 13).
    private static string LabelOf(int task) => task % 4 == 0 ? "Cat" : "L" + ((task * 7) % 13).ToString(CultureInfo.InvariantCulture);

    // The official table: config labels sorted by name get 0, 1; unknown labels the next id on first sight.
    private static List<string> ExpectedClassNames(bool lateRegistered)
    {
        var names = new List<string> { "Cat", "Dog" };
        for (var k = 0; k < TaskCount; k++)
        {
            if (!names.Contains(LabelOf(k)))
            {
                names.Add(LabelOf(k));
            }

            if (k == LateTask && lateRegistered)
            {
                // COCO looks the label up before it finds the box has no size of its own, so it is appended even
                // though the box is then dropped (as the official converter's table).
                names.Add("Late");
            }
        }

        return names;
    }

    // Tasks 7, 57, 107, ... have a region of a control the config lacks; COCO also drops the late unsized box.
    private static List<(long?, string)> ExpectedIssues(bool cocoDropsLateBox)
    {
        var issues = new List<(long?, string)>();
        for (var k = 0; k < TaskCount; k++)
        {
            if (k % 50 == 7)
            {
                issues.Add((k, "control-not-in-config"));
            }

            if (k == LateTask && cocoDropsLateBox)
            {
                issues.Add((k, "missing-image-size"));
            }
        }

        return issues;
    }

    private static string TasksJson()
    {
        var json = new StringBuilder("[");
        for (var k = 0; k < TaskCount; k++)
        {
            var regions = new List<string>
            {
                Box("a", LabelOf(k), sized: true),
            };
            if (k % 50 == 7)
            {
                regions.Insert(0, """{"id":"n","type":"rectanglelabels","from_name":"nope","to_name":"image","original_width":100,"original_height":50,"value":{"x":1,"y":1,"width":1,"height":1,"rectanglelabels":["Cat"]}}""");
            }

            if (k == LateTask)
            {
                regions.Add(Box("b", "Late", sized: false));
            }

            json.Append(k > 0 ? "," : string.Empty)
                .Append(CultureInfo.InvariantCulture, $$"""{"id":{{k + 1}},"data":{"image":"/data/upload/1/img{{k}}.jpg"},"annotations":[{"id":{{k + 1}},"result":[{{string.Join(",", regions)}}]}]}""");
        }

        return json.Append(']').ToString();
    }

    private static string Box(string id, string label, bool sized) =>
        "{\"id\":\"" + id + "\",\"type\":\"rectanglelabels\",\"from_name\":\"label\",\"to_name\":\"image\","
        + (sized ? "\"original_width\":100,\"original_height\":50," : string.Empty)
        + "\"value\":{\"x\":10,\"y\":20,\"width\":30,\"height\":40,\"rectanglelabels\":[\"" + label + "\"]}}";
}
