using System.Text.Json;
using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public class ImportDatasetCommandTests
{
    private string _output = null!;

    private static string Case(string name) => Path.Combine(RepositoryPaths.TestData, "Formats", name, "input");

    [SetUp]
    public void SetUp() => _output = Directory.CreateTempSubdirectory("ls-import-cli-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_output, recursive: true);

    [Test]
    public async Task Coco_ValidInput_WritesTasksAndConfigBesideAndExitsZero()
    {
        var result = await CliRunner.RunAsync(["import-dataset", "coco", Path.Combine(Case("import_coco_upstream"), "coco.json"), "--output", "out/tasks.json"], workingDirectory: _output);

        // The output directory does not exist yet: an I/O error, nothing written.
        result.ExitCode.Should().Be(2);
        Directory.CreateDirectory(Path.Combine(_output, "out"));

        result = await CliRunner.RunAsync(["import-dataset", "coco", Path.Combine(Case("import_coco_upstream"), "coco.json"), "--output", "out/tasks.json"], workingDirectory: _output);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("2 task(s) read, 2 written");
        File.Exists(Path.Combine(_output, "out", "tasks.label_config.xml")).Should().BeTrue();
        using var tasks = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "out", "tasks.json")));
        tasks.RootElement.GetArrayLength().Should().Be(2);
        tasks.RootElement[0].TryGetProperty("annotations", out _).Should().BeTrue();
    }

    [Test]
    public async Task Yolo_PredictionsWithRootUrl_WritesScoresAndSummarizesSkippedFile()
    {
        var output = Path.Combine(_output, "y.json");

        var result = await CliRunner.RunAsync(["import-dataset", "yolo", Case("import_yolo_scores_edge"), "--output", output,
            "--out-type", "predictions", "--image-root-url", "https://cdn.example.com/ds/"]);

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("1 x not-an-image");
        var text = await File.ReadAllTextAsync(output);
        text.Should().Contain("\"predictions\"").And.Contain("https://cdn.example.com/ds/a.jpg").And.Contain("\"score\":0.87");
        File.Exists(Path.Combine(_output, "y.label_config.xml")).Should().BeTrue();
    }

    [Test]
    public async Task Yolo_ImageDims_UsedForEveryRegion()
    {
        var output = Path.Combine(_output, "y.json");

        var result = await CliRunner.RunAsync(["import-dataset", "yolo", Case("import_yolo_scores_edge"), "--output", output, "--image-dims", "640", "329"]);

        result.ExitCode.Should().Be(0, result.Error);
        var text = await File.ReadAllTextAsync(output);
        text.Should().Contain("\"original_width\":640").And.Contain("\"original_height\":329").And.NotContain("\"original_width\":320");
    }

    [Test]
    public async Task Coco_InvalidJson_ExitsOneWithPositionAndWritesNothing()
    {
        var input = Path.Combine(_output, "bad.json");
        await File.WriteAllTextAsync(input, "{\"images\": [\n  {\"id\": 1,,}]}");

        var result = await CliRunner.RunAsync(["import-dataset", "coco", input, "--output", Path.Combine(_output, "t.json")]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("line 2");
        Directory.GetFiles(_output).Select(Path.GetFileName).Should().Equal("bad.json");
    }

    [Test]
    public async Task Coco_MissingInput_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["import-dataset", "coco", Path.Combine(_output, "nope.json"), "--output", Path.Combine(_output, "t.json")]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nope.json");
    }

    [TestCase("--out-type", "labels", TestName = "Yolo_UnknownOutType_ExitsTwo")]
    [TestCase("--image-dims", "640", TestName = "Yolo_ImageDimsWithOneNumber_ExitsTwo")]
    public async Task Yolo_BadOption_ExitsTwo(string option, string value)
    {
        var result = await CliRunner.RunAsync(["import-dataset", "yolo", Case("import_yolo_scores_edge"), "--output", Path.Combine(_output, "t.json"), option, value]);

        result.ExitCode.Should().Be(2);
        Directory.GetFiles(_output).Should().BeEmpty();
    }

    [Test]
    public async Task Coco_ImageDimsOption_IsNotOffered()
    {
        var result = await CliRunner.RunAsync(["import-dataset", "coco", "x.json", "--output", "t.json", "--image-dims", "1", "2"], workingDirectory: _output);

        result.ExitCode.Should().Be(2);
    }
}
