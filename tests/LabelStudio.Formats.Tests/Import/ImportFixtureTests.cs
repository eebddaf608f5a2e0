using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Import;

namespace LabelStudio.Formats.Tests.Import;

/// <summary>
/// Our importers against the official importer's outputs (tests/TestData/Formats/import_*): tasks equal as JSON
/// values except region ids (random upstream) and, for YOLO, task order (os.listdir upstream, hence compared keyed
/// by data.image), as each case.json names them volatile; the config equal as a parsed LabelConfig.
/// </summary>
public class ImportFixtureTests
{
    private string _output = null!;

    [SetUp]
    public void SetUp() => _output = Directory.CreateTempSubdirectory("ls-import-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_output, recursive: true);

    public static IEnumerable<TestCaseData> CocoCases()
    {
        // Options as each case.json's invocation records them.
        yield return new TestCaseData("import_coco_roundtrip", ImportOutputType.Predictions).SetName("Coco_import_coco_roundtrip");
        yield return new TestCaseData("import_coco_upstream", ImportOutputType.Annotations).SetName("Coco_import_coco_upstream");
    }

    public static IEnumerable<TestCaseData> YoloCases()
    {
        yield return new TestCaseData("import_yolo_scores_edge", ImportOutputType.Predictions, "https://cdn.example.com/ds/", null).SetName("Yolo_import_yolo_scores_edge");
        yield return new TestCaseData("import_yolo_unif_dims", ImportOutputType.Annotations, null, new[] { 640, 329 }).SetName("Yolo_import_yolo_unif_dims");
        yield return new TestCaseData("import_yolo_upstream", ImportOutputType.Annotations, null, null).SetName("Yolo_import_yolo_upstream");
    }

    [TestCaseSource(nameof(CocoCases))]
    public async Task CocoImporter_Fixture_MatchesOfficialOutput(string caseName, ImportOutputType outputType)
    {
        var tasksPath = Path.Combine(_output, "tasks.json");

        var result = await CocoImporter.ImportAsync(Fixtures.Path($"Formats/{caseName}/input/coco.json"), tasksPath, new CocoImportOptions { OutputType = outputType });

        result.LabelConfigPath.Should().Be(Path.Combine(_output, "tasks.label_config.xml"));
        AssertSameTasks(caseName, "IMPORT_COCO", tasksPath, keyedByImage: false);
        AssertSameConfig(caseName, "IMPORT_COCO", result.LabelConfigPath);
    }

    [TestCaseSource(nameof(YoloCases))]
    public async Task YoloImporter_Fixture_MatchesOfficialOutput(string caseName, ImportOutputType outputType, string? rootUrl, int[]? dims)
    {
        var tasksPath = Path.Combine(_output, "tasks.json");
        var options = new YoloImportOptions { OutputType = outputType, ImageDimensions = dims is null ? null : (dims[0], dims[1]) };
        if (rootUrl is not null)
        {
            options.ImageRootUrl = rootUrl;
        }

        var result = await YoloImporter.ImportAsync(Fixtures.Path($"Formats/{caseName}/input"), tasksPath, options);

        AssertSameTasks(caseName, "IMPORT_YOLO", tasksPath, keyedByImage: true);
        AssertSameConfig(caseName, "IMPORT_YOLO", result.LabelConfigPath);
    }

    [Test]
    public async Task YoloImporter_ScoresEdge_ReportsTheNonImageFile()
    {
        // images/notes.txt is not an image: the official importer skips it silently; we count it.
        var result = await YoloImporter.ImportAsync(Fixtures.Path("Formats/import_yolo_scores_edge/input"), Path.Combine(_output, "t.json"));

        result.Report.CountsByReason.Should().Equal(new Dictionary<string, long> { ["not-an-image"] = 1 });
        result.Report.TasksWritten.Should().Be(3);
        result.Report.ItemsWritten.Should().Be(4); // a.txt has 3 lines, b.txt 1
    }

    private static void AssertSameTasks(string caseName, string format, string actualPath, bool keyedByImage)
    {
        var expected = Normalize(JsonNode.Parse(File.ReadAllText(Fixtures.Path($"Formats/{caseName}/expected/{format}/tasks.json")))!.AsArray(), keyedByImage);
        var actual = Normalize(JsonNode.Parse(File.ReadAllText(actualPath))!.AsArray(), keyedByImage);

        using var e = JsonDocument.Parse(expected.ToJsonString());
        using var a = JsonDocument.Parse(actual.ToJsonString());
        JsonValueComparer.FirstDifference(e.RootElement, a.RootElement).Should().BeNull();
    }

    private static JsonArray Normalize(JsonArray tasks, bool keyedByImage)
    {
        foreach (var task in tasks)
        {
            foreach (var key in new[] { "annotations", "predictions" })
            {
                foreach (var target in task![key]?.AsArray() ?? [])
                {
                    foreach (var region in target!["result"]!.AsArray())
                    {
                        // Region ids are random upstream: check the shape (10 hex digits), then drop them.
                        region!["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{10}$");
                        region.AsObject().Remove("id");
                    }
                }
            }
        }

        var list = tasks.Select(t => t!.DeepClone()).ToList();
        if (keyedByImage)
        {
            list = [.. list.OrderBy(t => t!["data"]!["image"]!.GetValue<string>(), StringComparer.Ordinal)];
        }

        return new JsonArray([.. list]);
    }

    private static void AssertSameConfig(string caseName, string format, string actualPath)
    {
        var expected = LabelConfig.Parse(File.ReadAllText(Fixtures.Path($"Formats/{caseName}/expected/{format}/tasks.label_config.xml")));
        var actual = LabelConfig.Parse(File.ReadAllText(actualPath));

        Describe(actual).Should().Equal(Describe(expected));
    }

    private static List<string> Describe(LabelConfig config) =>
    [
        .. config.Objects.Select(o => $"object {o.TagName} {o.Name} {o.Value}"),
        .. config.Controls.Select(c => $"control {c.TagName} {c.Name} -> {string.Join(",", c.ToNames)}: "
            + string.Join(" | ", c.Labels.Select(l => $"{l.Value} {l.Attributes.GetValueOrDefault("background")}"))),
        .. config.Tags.Where(t => t.TagName == "Header").Select(t => $"header {t.Attributes.GetValueOrDefault("value")}"),
    ];
}
