using System.Text.Json;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Import;

namespace LabelStudio.Formats.Tests.Import;

public class YoloImporterTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("ls-yolo-import-").FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "images"));
        Directory.CreateDirectory(Path.Combine(_dir, "labels"));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<(DatasetImportResult Result, JsonElement Tasks)> ImportAsync(YoloImportOptions? options = null)
    {
        var result = await YoloImporter.ImportAsync(_dir, Path.Combine(_dir, "out.json"), options ?? new YoloImportOptions { ImageDimensions = (100, 50) });
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(result.TasksPath));
        return (result, document.RootElement.Clone());
    }

    [Test]
    public async Task ImportAsync_BadLines_EachSkippedWithReasonOthersKept()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "classes.txt"), "a\nb\n");
        await File.WriteAllBytesAsync(Path.Combine(_dir, "images", "x.jpg"), []);
        await File.WriteAllTextAsync(Path.Combine(_dir, "labels", "x.txt"), string.Join("\n",
            "0 0.5 0.5 0.2 0.2",        // kept
            "",                         // blank: nothing to import
            "1 0.5",                    // too few values
            "5 0.5 0.5 0.1 0.1",        // class 5 does not exist
            "0 0.5 abc 0.1 0.1",        // not a number
            "0 0.1 0.1 0.2 0.1 0.3 0.3", // a polygon line, not a box
            "1 0.5 0.5 1 1 0.9"));      // kept, with score

        var (result, tasks) = await ImportAsync();

        result.Report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["too-few-values"] = 1,
            ["unknown-class"] = 1,
            ["not-a-number"] = 1,
            ["not-a-box-line"] = 1,
        });
        var regions = tasks[0].GetProperty("annotations")[0].GetProperty("result");
        regions.GetArrayLength().Should().Be(2);

        // (0.5 - 0.2 / 2) * 100 = 40; 0.2 * 100 = 20.
        regions[0].GetProperty("value").GetProperty("x").GetDouble().Should().BeApproximately(40, 1e-9);
        regions[0].GetProperty("value").GetProperty("width").GetDouble().Should().BeApproximately(20, 1e-9);
        regions[0].TryGetProperty("score", out _).Should().BeFalse();
        regions[1].GetProperty("score").GetDouble().Should().Be(0.9);
        regions[1].GetProperty("original_width").GetInt32().Should().Be(100);
    }

    [Test]
    public async Task ImportAsync_UnreadableImageWithoutDims_RegionsCountedAsDropped()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "classes.txt"), "a\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "images", "x.png"), "not a png");
        await File.WriteAllTextAsync(Path.Combine(_dir, "labels", "x.txt"), "0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2\n");

        var (result, tasks) = await ImportAsync(new YoloImportOptions());

        result.Report.CountsByReason.Should().Equal(new Dictionary<string, long> { ["unreadable-image-size"] = 2 });
        tasks[0].GetProperty("annotations")[0].GetProperty("result").GetArrayLength().Should().Be(0);
    }

    [TestCase("data.yaml", "names: [cat, 'dog']\n", TestName = "ImportAsync_DataYamlInlineList_ClassesRead")]
    [TestCase("data.yaml", "path: .\nnames:\n  0: cat\n  1: dog\nnc: 2\n", TestName = "ImportAsync_DataYamlMapping_ClassesRead")]
    [TestCase("data.yaml", "names:\n  - cat\n  - \"dog\"\n", TestName = "ImportAsync_DataYamlBlockList_ClassesRead")]
    [TestCase("notes.json", "{\"categories\": [{\"id\": 1, \"name\": \"dog\"}, {\"id\": 0, \"name\": \"cat\"}]}", TestName = "ImportAsync_NotesJson_ClassesReadById")]
    public async Task ImportAsync_ClassNameVariants_ClassesRead(string file, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, file), content);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "images", "x.jpg"), []);
        await File.WriteAllTextAsync(Path.Combine(_dir, "labels", "x.txt"), "1 0.5 0.5 0.2 0.2\n");

        var (result, tasks) = await ImportAsync();

        tasks[0].GetProperty("annotations")[0].GetProperty("result")[0].GetProperty("value").GetProperty("rectanglelabels")[0].GetString().Should().Be("dog");
        result.LabelConfigXml.Should().Contain("<Label value=\"cat\"").And.Contain("<Label value=\"dog\"");
    }

    [Test]
    public async Task ImportAsync_NoClassNames_ThrowsAndWritesNothing()
    {
        var act = () => YoloImporter.ImportAsync(_dir, Path.Combine(_dir, "out.json"));

        (await act.Should().ThrowAsync<ConversionException>()).Which.Message.Should().Contain("classes.txt");
        File.Exists(Path.Combine(_dir, "out.json")).Should().BeFalse();
        File.Exists(Path.Combine(_dir, "out.label_config.xml")).Should().BeFalse();
    }

    [Test]
    public async Task ImportAsync_ImageWithoutLabelFile_TaskWithDataOnly()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "classes.txt"), "a\n");
        await File.WriteAllBytesAsync(Path.Combine(_dir, "images", "y.JPG"), []);

        var (_, tasks) = await ImportAsync();

        tasks[0].EnumerateObject().Select(p => p.Name).Should().Equal("data");
        tasks[0].GetProperty("data").GetProperty("image").GetString().Should().Be("/data/local-files/?d=images/y.JPG");
    }
}
