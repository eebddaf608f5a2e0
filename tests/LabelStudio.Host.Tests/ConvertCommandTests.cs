using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public class ConvertCommandTests
{
    private string _work = null!;

    private static string Case(string name, string file) => Path.Combine(RepositoryPaths.TestData, "Formats", name, file);

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-convert-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task Run_CsvWithConfig_WritesTheOfficialRowsAndExitsZero()
    {
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", Case("csv_history", "export.json"), "--config", Case("csv_history", "config.xml"), "--to", "CSV", "--output", output]);

        result.ExitCode.Should().Be(0, result.Error);
        Directory.GetFiles(output).Select(Path.GetFileName).Should().Equal("result.csv");
        var expected = File.ReadAllLines(Case("csv_history", "expected/CSV/result.csv"));
        var actual = File.ReadAllLines(Path.Combine(output, "result.csv"));
        actual.Should().HaveCount(expected.Length);
        actual[0].Should().Be(expected[0], "the header is the official one, sorted by code point");
        result.Error.Should().Contain("task(s) read");
        result.Out.Should().BeEmpty();
    }

    [Test]
    public async Task Run_JsonMinWithoutConfig_IsAllowed()
    {
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", Case("csv_basic_noconfig", "export.json"), "--to", "json_min", "--output", output]);

        result.ExitCode.Should().Be(0, result.Error);
        File.Exists(Path.Combine(output, "result.json")).Should().BeTrue();
    }

    [Test]
    public async Task Run_AsrManifestWithUploadDirFromEnvironment_CopiesAudioAndReportsTheUnreachableOne()
    {
        var output = Path.Combine(_work, "out");
        var variables = new Dictionary<string, string> { ["LS_UPLOAD_DIR"] = Case("asr_manifest", "media/upload") };

        var result = await CliRunner.RunAsync(
            ["convert", Case("asr_manifest", "export.json"), "--config", Case("asr_manifest", "config.xml"), "--to", "ASR_MANIFEST", "--output", output, "--download-resources"],
            variables: variables);

        result.ExitCode.Should().Be(0, result.Error);
        File.ReadAllLines(Path.Combine(output, "manifest.json")).Should().HaveCount(3, "the official manifest has three lines: the unreachable URL is skipped");
        Directory.GetFiles(Path.Combine(output, "audio")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("clip two.wav", "clip_one.wav", "third.wav");
        result.Error.Should().Contain("audio-unavailable").And.Contain("transcript-from-previous-task");
    }

    [Test]
    public async Task Run_ListFormats_PrintsTheOfficialFormatsThisBuildWrites()
    {
        // The official list for this config is ASR_MANIFEST, CSV, CSV_OLD, DOCLANG, JSON, JSON_MIN, TSV
        // (expected/SUPPORTED_FORMATS); CSV_OLD and DOCLANG are Python-only and not written by this package.
        var result = await CliRunner.RunAsync(["convert", "--list-formats", "--config", Case("asr_manifest", "config.xml")]);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal("ASR_MANIFEST", "CSV", "JSON", "JSON_MIN", "TSV");
    }

    [Test]
    public async Task Run_ToYolo_WritesTheOfficialClassesAndLabelFiles()
    {
        // The image exporters are registered with the runner the CLI uses: the official converter's classes.txt
        // and label file names for this case are in expected/YOLO.
        var output = Path.Combine(_work, "yolo");
        var expected = Case("yolo_bbox_two_annotators", Path.Combine("expected", "YOLO"));

        var result = await CliRunner.RunAsync(["convert", Case("yolo_bbox_two_annotators", "export.json"), "--config", Case("yolo_bbox_two_annotators", "config.xml"), "--to", "YOLO", "--output", output]);

        result.ExitCode.Should().Be(0, result.Error);
        (await File.ReadAllTextAsync(Path.Combine(output, "classes.txt"))).Should().Be(await File.ReadAllTextAsync(Path.Combine(expected, "classes.txt")));
        Directory.GetFiles(Path.Combine(output, "labels")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal(Directory.GetFiles(Path.Combine(expected, "labels")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Test]
    public async Task Run_TruncatedExport_ExitsOneWithAPositionAndWritesNothing()
    {
        var export = Path.Combine(_work, "bad.json");
        var text = await File.ReadAllTextAsync(Case("csv_history", "export.json"));
        await File.WriteAllTextAsync(export, text[..(text.Length / 2)]);
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", export, "--to", "CSV", "--output", output]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().MatchRegex("line \\d+|byte|offset");
        Directory.Exists(output).Should().BeFalse("a failed run leaves no partial output");
        Directory.GetFileSystemEntries(_work).Should().Equal([export], "no staging folder is left behind");
    }

    [TestCase("JSON", TestName = "Run_UnpairedSurrogateEscape_ToJson_ExitsOneWithItsPositionAndWritesNothing")]
    [TestCase("JSON_MIN", TestName = "Run_UnpairedSurrogateEscape_ToJsonMin_ExitsOneWithItsPositionAndWritesNothing")]
    [TestCase("CSV", TestName = "Run_UnpairedSurrogateEscape_ToCsv_ExitsOneWithItsPositionAndWritesNothing")]
    public async Task Run_UnpairedSurrogateEscape_ExitsOneWithItsPositionAndWritesNothing(string format)
    {
        // Valid JSON that no UTF-8 output can hold (it used to crash midway with an unhandled exception): the second task's
        // escape is on line 2, after `{"id":2,"data":{"text":"` (24 bytes), so at column 25.
        var export = Path.Combine(_work, "surrogate.json");
        await File.WriteAllTextAsync(export, "[{\"id\":1,\"data\":{\"text\":\"a\"}},\n{\"id\":2,\"data\":{\"text\":\"\\ud800\"}}]");
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", export, "--to", format, "--output", output]);

        result.ExitCode.Should().Be(1, result.Error);
        result.Error.Should().Contain("line 2").And.Contain("column 25").And.Contain("surrogate").And.NotContain("Unhandled");
        Directory.Exists(output).Should().BeFalse("a failed run leaves no partial output");
    }

    [Test]
    public async Task Run_NumberBeyondADouble_ExitsOneNamingIt()
    {
        // lead_time 1e400 used to be read as infinity and crash the JSON writer.
        var export = Path.Combine(_work, "huge.json");
        await File.WriteAllTextAsync(export, """[{"id":1,"data":{"text":"x"},"annotations":[{"id":1,"result":[],"lead_time":1e400}]}]""");
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", export, "--to", "JSON", "--output", output]);

        result.ExitCode.Should().Be(1, result.Error);
        result.Error.Should().Contain("1e400").And.Contain("line 1").And.NotContain("Unhandled");
        Directory.Exists(output).Should().BeFalse();
    }

    [Test]
    public async Task Run_InvalidConfig_ExitsOneWithAPositionedMessage()
    {
        var config = Path.Combine(_work, "config.xml");
        await File.WriteAllTextAsync(config, "<View><Labels name=\"l\" toName=\"missing\"><Label value=\"A\"/></Labels>");

        var result = await CliRunner.RunAsync(["convert", Case("conll_ner", "export.json"), "--config", config, "--to", "CONLL2003", "--output", Path.Combine(_work, "out")]);

        result.ExitCode.Should().Be(1);
        result.Error.Should().MatchRegex("config.xml\\(\\d+,\\d+\\)|config.xml:\\d+");
        Directory.Exists(Path.Combine(_work, "out")).Should().BeFalse();
    }

    [Test]
    public async Task Run_YoloWithImagesAndMediaRoot_CopiesImagesAsTheOfficialConverter()
    {
        // with_images_local_files ran with LOCAL_FILES_DOCUMENT_ROOT=<case>/media: expected/YOLO_WITH_IMAGES holds
        // the copies images/<md5(url)[:8]>__<name> and label files named after them; local/missing.jpg does not exist.
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", Case("with_images_local_files", "export.json"), "--config", Case("with_images_local_files", "config.xml"),
            "--to", "YOLO_WITH_IMAGES", "--output", output, "--media-root", Case("with_images_local_files", "media")]);

        result.ExitCode.Should().Be(0, result.Error);
        Directory.GetFiles(Path.Combine(output, "images")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bf6b25ea__b.jpg", "fc6bbe58__a.png");
        Directory.GetFiles(Path.Combine(output, "labels")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bf6b25ea__b.txt", "fc6bbe58__a.txt", "missing.txt");
        File.ReadAllBytes(Path.Combine(output, "images", "fc6bbe58__a.png")).Should().Equal(File.ReadAllBytes(Case("with_images_local_files", "media/local/a.png")));
        File.ReadAllText(Path.Combine(output, "labels", "fc6bbe58__a.txt")).Should().Be(File.ReadAllText(Case("with_images_local_files", "expected/YOLO_WITH_IMAGES/labels/fc6bbe58__a.txt")));
        result.Error.Should().Contain("media-not-available").And.Contain("missing.jpg");
    }

    [Test]
    public async Task Run_CocoWithDownloadResources_WritesTheCopiesSizes()
    {
        // --download-resources on COCO gives COCO_WITH_IMAGES: file_name is the copy and the size that of the file (64x48).
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", Case("with_images_local_files", "export.json"), "--config", Case("with_images_local_files", "config.xml"),
            "--to", "COCO", "--download-resources", "--output", output, "--media-root", Case("with_images_local_files", "media")]);

        result.ExitCode.Should().Be(0, result.Error);
        var json = File.ReadAllText(Path.Combine(output, "result.json"));
        json.Should().Contain("\"file_name\": \"images\\/fc6bbe58__a.png\"").And.Contain("\"width\": 64");
    }

    [TestCase("YOLO_WITH_IMAGES", false)]
    [TestCase("VOC", true)]
    public async Task Run_CopyingMediaWithoutAMediaRoot_ExitsTwoAndWritesNothing(string format, bool download)
    {
        var output = Path.Combine(_work, "out");
        string[] args = ["convert", Case("with_images_local_files", "export.json"), "--config", Case("with_images_local_files", "config.xml"), "--to", format, "--output", output];

        var result = await CliRunner.RunAsync(download ? [.. args, "--download-resources"] : args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--media-root");
        Directory.Exists(output).Should().BeFalse();
    }

    [Test]
    public async Task Run_MediaRootWithEscapingReference_CopiesNothingOutsideTheRoot()
    {
        var root = Path.Combine(_work, "media");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(_work, "secret.png"), "not for the export");
        var export = Path.Combine(_work, "export.json");
        File.WriteAllText(export, """
            [{"id":1,"data":{"image":"/data/local-files/?d=../secret.png"},"annotations":[{"id":1,"result":[
              {"id":"r","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":10,"original_height":10,
               "value":{"x":1,"y":1,"width":2,"height":2,"rotation":0,"rectanglelabels":["Box"]}}]}]}]
            """);
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", export, "--config", Case("with_images_local_files", "config.xml"), "--to", "YOLO_WITH_IMAGES", "--output", output, "--media-root", root]);

        result.ExitCode.Should().Be(0, result.Error);
        Directory.GetFiles(Path.Combine(output, "images")).Should().BeEmpty();
        result.Error.Should().Contain("OutsideRoot");
    }

    [TestCase("COCO_MAYBE")]
    [TestCase("")]
    public async Task Run_UnknownFormat_ExitsTwo(string format)
    {
        var result = await CliRunner.RunAsync(["convert", Case("csv_history", "export.json"), "--to", format, "--output", Path.Combine(_work, "out")]);

        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task Run_FormatNeedingConfigWithoutIt_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["convert", Case("conll_ner", "export.json"), "--to", "CONLL2003", "--output", Path.Combine(_work, "out")]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--config");
    }

    [Test]
    public async Task Run_MissingExportFile_ExitsTwo()
    {
        var result = await CliRunner.RunAsync(["convert", Path.Combine(_work, "nope.json"), "--to", "CSV", "--output", Path.Combine(_work, "out")]);

        result.ExitCode.Should().Be(2);
    }

    [Test]
    public async Task Run_FormatNotOfferedForConfig_ExitsOne()
    {
        // conll_ner's config has a Text object and a Labels control, no Audio: ASR_MANIFEST is not offered.
        var result = await CliRunner.RunAsync(["convert", Case("conll_ner", "export.json"), "--config", Case("conll_ner", "config.xml"), "--to", "ASR_MANIFEST", "--output", Path.Combine(_work, "out")]);

        result.ExitCode.Should().Be(1);
        Directory.Exists(Path.Combine(_work, "out")).Should().BeFalse();
    }

    [Test]
    public async Task Run_Conll_WritesTheOfficialFileLineByLine()
    {
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["convert", Case("conll_ner", "export.json"), "--config", Case("conll_ner", "config.xml"), "--to", "CONLL2003", "--output", output]);

        result.ExitCode.Should().Be(0, result.Error);
        File.ReadAllText(Path.Combine(output, "result.conll")).Split('\n').Should().Equal(File.ReadAllText(Case("conll_ner", "expected/CONLL2003/result.conll")).Split('\n'));
    }
}
