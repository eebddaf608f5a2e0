using System.Text.Json;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Import;

namespace LabelStudio.Formats.Tests.Import;

public class CocoImporterTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ls-coco-import-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<(DatasetImportResult Result, JsonElement Tasks)> ImportAsync(string coco, CocoImportOptions? options = null)
    {
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, coco);
        var result = await CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"), options);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(result.TasksPath));
        return (result, document.RootElement.Clone());
    }

    [Test]
    public async Task ImportAsync_UnknownCategoryImageAndSize_SkipsAndCountsEachInsteadOfCrashing()
    {
        // The official importer raises KeyError / ZeroDivisionError on each of these annotations.
        const string coco = """
            {"categories": [{"id": 1, "name": "cat"}],
             "images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 50}, {"id": 2, "file_name": "b.jpg"}],
             "annotations": [
               {"image_id": 1, "category_id": 1, "bbox": [10, 5, 20, 10]},
               {"image_id": 1, "category_id": 9, "bbox": [0, 0, 1, 1]},
               {"image_id": 7, "category_id": 1, "bbox": [0, 0, 1, 1]},
               {"image_id": 2, "category_id": 1, "bbox": [0, 0, 1, 1]},
               {"image_id": 1, "category_id": 1, "iscrowd": 1, "segmentation": {"counts": "abc", "size": [50, 100]}}
             ]}
            """;

        var (result, tasks) = await ImportAsync(coco);

        result.Report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["unknown-category"] = 1,
            ["unknown-image"] = 1,
            ["missing-image-size"] = 1,
            ["rle-segmentation"] = 1,
        });
        result.Report.DroppedRegions.Should().Be(4);
        tasks.GetArrayLength().Should().Be(2);
        var box = tasks[0].GetProperty("annotations")[0].GetProperty("result")[0];

        // 10 / 100 * 100 = 10, 5 / 50 * 100 = 10, 20 / 100 * 100 = 20, 10 / 50 * 100 = 20.
        box.GetProperty("value").GetProperty("x").GetDouble().Should().Be(10);
        box.GetProperty("value").GetProperty("y").GetDouble().Should().Be(10);
        box.GetProperty("value").GetProperty("width").GetDouble().Should().Be(20);
        box.GetProperty("value").GetProperty("height").GetDouble().Should().Be(20);
        box.GetProperty("from_name").GetString().Should().Be("label_rectangles");
        tasks[1].GetProperty("annotations")[0].GetProperty("result").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task ImportAsync_ImagesOutOfOrder_TasksSortedByImageIdWithRootUrlJoined()
    {
        const string coco = """
            {"categories": [], "annotations": [],
             "images": [{"id": 10, "file_name": "/x/b c.jpg"}, {"id": 2, "file_name": "s3://bucket/a.jpg"}]}
            """;

        var (_, tasks) = await ImportAsync(coco, new CocoImportOptions { ImageRootUrl = "https://host/imgs" });

        // Leading slash removed, then Python's quote(name, safe="/"): ':' and ' ' are escaped, '/' is not.
        tasks[0].GetProperty("data").GetProperty("image").GetString().Should().Be("https://host/imgs/s3%3A//bucket/a.jpg");
        tasks[1].GetProperty("data").GetProperty("image").GetString().Should().Be("https://host/imgs/x/b%20c.jpg");
    }

    [Test]
    public async Task ImportAsync_Keypoints_HiddenBelowVisibilityTwoAndScoreKept()
    {
        const string coco = """
            {"categories": [{"id": 0, "name": "p"}],
             "images": [{"id": 0, "file_name": "a.jpg", "width": 200, "height": 100}],
             "annotations": [{"image_id": 0, "category_id": 0, "keypoints": [20, 10, 2, 0, 0, 1], "score": 0.75}]}
            """;

        var (result, tasks) = await ImportAsync(coco, new CocoImportOptions { OutputType = ImportOutputType.Predictions });

        var prediction = tasks[0].GetProperty("predictions")[0];
        prediction.GetProperty("ground_truth").GetBoolean().Should().BeFalse();
        var points = prediction.GetProperty("result");
        points.GetArrayLength().Should().Be(2);
        points[0].GetProperty("value").GetProperty("x").GetDouble().Should().Be(10); // 20 / 200 * 100
        points[0].GetProperty("value").TryGetProperty("hidden", out _).Should().BeFalse();
        points[1].GetProperty("value").GetProperty("hidden").GetBoolean().Should().BeTrue();
        result.LabelConfigXml.Should().Contain("<KeyPointLabels name=\"label_keypoints\" toName=\"image\">");
    }

    [TestCase("{\"images\": [", TestName = "ImportAsync_TruncatedJson_ThrowsWithLineAndWritesNothing")]
    [TestCase("[]", TestName = "ImportAsync_RootNotObject_ThrowsWithPathAndWritesNothing")]
    [TestCase("{\"categories\": [], \"images\": [{\"file_name\": \"a.jpg\"}], \"annotations\": []}", TestName = "ImportAsync_ImageWithoutId_ThrowsWithPathAndWritesNothing")]
    [TestCase("{\"categories\": [], \"annotations\": []}", TestName = "ImportAsync_NoImages_ThrowsWithPathAndWritesNothing")]
    public async Task ImportAsync_InvalidInput_ThrowsAndWritesNothing(string coco)
    {
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, coco);

        var act = () => CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"));

        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().MatchRegex(@"line \d+|\$");
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().Equal("coco.json");
    }

    [Test]
    public async Task ImportAsync_LargerThanCap_ThrowsBeforeParsing()
    {
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, "{\"images\": [], \"categories\": [], \"annotations\": []}");

        var act = () => CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"), new CocoImportOptions { MaxInputBytes = 10 });

        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().Contain("MaxInputBytes");
    }

    [Test]
    public async Task ImportAsync_ArraysInAnyOrderWithOtherKeys_SameTasksAsTheUsualOrder()
    {
        // COCO does not fix the order of its arrays: annotations may come before the images they point at, and
        // info/licenses (nested objects and arrays) are skipped.
        const string usual = """
            {"categories": [{"id": 1, "name": "cat"}],
             "images": [{"id": 2, "file_name": "b.jpg", "width": 10, "height": 10}, {"id": 1, "file_name": "a.jpg", "width": 100, "height": 50}],
             "annotations": [{"image_id": 1, "category_id": 1, "bbox": [10, 5, 20, 10]}, {"image_id": 2, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]]}]}
            """;
        const string reordered = """
            {"info": {"year": 2024, "nested": [1, {"a": [2]}]},
             "annotations": [{"image_id": 1, "category_id": 1, "bbox": [10, 5, 20, 10]}, {"image_id": 2, "category_id": 1, "segmentation": [[1, 1, 5, 1, 5, 5]]}],
             "licenses": [],
             "images": [{"id": 2, "file_name": "b.jpg", "width": 10, "height": 10}, {"id": 1, "file_name": "a.jpg", "width": 100, "height": 50}],
             "categories": [{"id": 1, "name": "cat"}]}
            """;

        var (first, firstTasks) = await ImportAsync(usual);
        var (second, secondTasks) = await ImportAsync(reordered);

        second.LabelConfigXml.Should().Be(first.LabelConfigXml);
        Strip(secondTasks).Should().Be(Strip(firstTasks), "only the random region ids differ");
        secondTasks[0].GetProperty("data").GetProperty("image").GetString().Should().EndWith("a.jpg", "tasks are sorted by image id");
    }

    [Test]
    public async Task ImportAsync_AnnotationLargerThanTheReadBuffer_IsReadWhole()
    {
        // A 40,000-point polygon (about 400 KB) is far larger than the first 64 KiB read buffer; every point survives.
        var points = string.Join(", ", Enumerable.Range(0, 40_000).Select(i => $"{i % 100}.5, {i % 50}.25"));
        var coco = "{\"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 100, \"height\": 50}], "
            + "\"annotations\": [{\"image_id\": 1, \"category_id\": 1, \"segmentation\": [[" + points + "]]}]}";

        var (_, tasks) = await ImportAsync(coco);

        var polygon = tasks[0].GetProperty("annotations")[0].GetProperty("result")[0].GetProperty("value").GetProperty("points");
        polygon.GetArrayLength().Should().Be(40_000);

        // The last point is (39999 % 100 + 0.5, 39999 % 50 + 0.25) = (99.5, 49.25) px of 100 x 50 -> (99.5 %, 98.5 %).
        polygon[39_999][0].GetDouble().Should().Be(99.5);
        polygon[39_999][1].GetDouble().Should().Be(98.5);
    }

    [Test]
    public async Task ImportAsync_InvalidElement_MessageNamesThePathAndByteOffset()
    {
        const string coco = """{"categories": [], "images": [{"id": 1, "file_name": 5}], "annotations": []}""";
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, coco);

        var act = () => CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"));

        // The image object starts at the index of its '{' in the (ASCII) file.
        var offset = coco.IndexOf("{\"id\"", StringComparison.Ordinal);
        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().Contain($"$.images[0].file_name (byte {offset})");
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().Equal("coco.json");
    }

    [Test]
    public async Task ImportAsync_ContentAfterTheObject_ThrowsWithByteOffset()
    {
        const string coco = """{"categories": [], "images": [], "annotations": []} x""";
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, coco);

        var act = () => CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"));

        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().Contain($"byte {coco.IndexOf('x', StringComparison.Ordinal)}");
    }

    [Test]
    public async Task ImportAsync_ArrayMissingAfterStreaming_NamesIt()
    {
        const string coco = """{"images": [], "categories": []}""";
        var input = Path.Combine(_dir, "coco.json");
        await File.WriteAllTextAsync(input, coco);

        var act = () => CocoImporter.ImportAsync(input, Path.Combine(_dir, "out.json"));

        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().Contain("$.annotations: expected an array");
    }

    private static string Strip(JsonElement tasks) => System.Text.RegularExpressions.Regex.Replace(tasks.GetRawText(), "\"id\":\\s*\"[0-9a-f]{10}\"", "\"id\":\"*\"");

    [TestCase("out/tasks.json", "out/tasks.label_config.xml")]
    [TestCase("a.json.d/tasks", "a.json.d/tasks.label_config.xml")]
    public void GetLabelConfigPath_TasksPath_ReplacesOnlyTheJsonExtension(string tasks, string config) =>
        ImportPaths.GetLabelConfigPath(tasks).Should().Be(config);
}
