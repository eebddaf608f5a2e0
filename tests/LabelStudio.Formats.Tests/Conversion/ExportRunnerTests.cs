using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Asr;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion;

public partial class ExportRunnerTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-runner-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_work, recursive: true);

    [Test]
    public async Task RunAsync_MalformedSecondTask_ThrowsAndLeavesNoOutputOrStaging()
    {
        var output = Path.Combine(_work, "out");
        using var input = Utf8("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[]},{\"id\":2,\"data\":");

        var act = () => new ExportRunner().RunAsync(input, ExportFormat.Csv, output);

        await act.Should().ThrowAsync<LabelStudioJsonException>();
        Directory.GetFileSystemEntries(_work).Should().BeEmpty("neither the output nor the staging folder survives a failed run");
    }

    [Test]
    public async Task RunAsync_ExistingOutputAndFailure_KeepsTheOldFiles()
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "result.csv"), "old");
        using var input = Utf8("[{\"id\":1,");

        var act = () => new ExportRunner().RunAsync(input, ExportFormat.Csv, output);

        await act.Should().ThrowAsync<LabelStudioJsonException>();
        (await File.ReadAllTextAsync(Path.Combine(output, "result.csv"))).Should().Be("old");
    }

    [Test]
    public async Task RunAsync_TaskWithoutAnnotationsKeyAndCancelledAnnotations_RecordsEveryDrop()
    {
        // Task 1: no annotations key (the official converter skips it); task 2: its only annotation is cancelled
        // (the task disappears); task 3: one region whose control is not in the config (dropped region).
        using var input = Utf8("""
            [{"id":1,"data":{"text":"a"}},
             {"id":2,"data":{"text":"b"},"annotations":[{"id":20,"was_cancelled":true,"result":[]}]},
             {"id":3,"data":{"text":"c"},"annotations":[{"id":30,"result":[{"id":"r1","type":"choices","from_name":"nope","to_name":"text","value":{"choices":["X"]}}]}]}]
            """);
        var config = LabelConfig.Parse("<View><Text name=\"text\" value=\"$text\"/><Choices name=\"c\" toName=\"text\"><Choice value=\"X\"/></Choices></View>");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.JsonMin, Path.Combine(_work, "out"), new ExportRunOptions { Config = config });

        report.TasksRead.Should().Be(3);
        report.TasksWritten.Should().Be(1);
        report.ItemsWritten.Should().Be(1, "task 3 gives one JSON_MIN record");
        report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["no-annotations-key"] = 1,
            ["cancelled-annotation"] = 1,
            ["all-annotations-cancelled"] = 1,
            ["control-not-in-config"] = 1,
        });
        report.Issues.Single(i => i.Reason == "control-not-in-config").RegionId.Should().Be("r1");
    }

    [Test]
    public async Task RunAsync_UnknownFormat_ThrowsArgumentException()
    {
        using var input = Utf8("[]");

        var act = () => new ExportRunner().RunAsync(input, new ExportFormat("NOT_A_FORMAT"), Path.Combine(_work, "out"));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task RunAsync_CsvCells_QuoteStringsAndLeaveNumbersAndBooleansBare()
    {
        // Python csv QUOTE_NONNUMERIC: strings (also empty) quoted, ints/floats bare, booleans True/False bare;
        // columns sorted by code point; CRLF row ends.
        using var input = Utf8("""[{"id":7,"data":{"s":"x\"y","n":2.5,"b":true,"o":{"k":[1]}},"annotations":[]}]""");
        var output = Path.Combine(_work, "out");

        await new ExportRunner().RunAsync(input, ExportFormat.Csv, output);

        var text = await File.ReadAllTextAsync(Path.Combine(output, "result.csv"));
        text.Should().Be(
            "\"annotation_id\",\"annotator\",\"b\",\"created_at\",\"id\",\"lead_time\",\"n\",\"o\",\"s\",\"updated_at\"\r\n"
            + "\"\",\"\",True,\"\",7,\"\",2.5,\"{\"\"k\"\":[1]}\",\"x\"\"y\",\"\"\r\n");
    }

    [TestCase(false, "first", TestName = "RunAsync_AsrUnannotatedTask_DefaultReusesThePreviousTranscript")]
    [TestCase(true, "", TestName = "RunAsync_AsrUnannotatedTask_FixWritesAnEmptyTranscript")]
    public async Task RunAsync_AsrUnannotatedTask(bool fix, string expectedText)
    {
        var upload = Path.Combine(_work, "upload", "1");
        Directory.CreateDirectory(upload);
        await File.WriteAllBytesAsync(Path.Combine(upload, "a.wav"), Wav(sampleRate: 8000, frames: 4000));
        await File.WriteAllBytesAsync(Path.Combine(upload, "b.wav"), Wav(sampleRate: 8000, frames: 8000));
        using var input = Utf8("""
            [{"id":1,"data":{"audio":"/data/upload/1/a.wav"},"annotations":[{"id":10,"completed_by":5,"result":[{"from_name":"t","to_name":"audio","type":"textarea","value":{"text":["first"]}}]}]},
             {"id":2,"data":{"audio":"/data/upload/1/b.wav"},"annotations":[]}]
            """);
        var config = LabelConfig.Parse("<View><Audio name=\"audio\" value=\"$audio\"/><TextArea name=\"t\" toName=\"audio\"/></View>");
        var output = Path.Combine(_work, "out");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.AsrManifest, output, new ExportRunOptions
        {
            Config = config,
            ExportOptions = new AsrManifestOptions { EmptyTranscriptForUnannotated = fix },
            Media = new LocalMediaSource(new LocalMediaSourceOptions { UploadDirectory = Path.Combine(_work, "upload") }),
        });

        var lines = await File.ReadAllLinesAsync(Path.Combine(output, "manifest.json"));
        lines.Should().Equal(
            "{\"audio_filepath\": \"audio/a.wav\", \"duration\": 0.5, \"text\": \"first\", \"annotator\": \"5\"}",
            $"{{\"audio_filepath\": \"audio/b.wav\", \"duration\": 1.0, \"text\": \"{expectedText}\", \"annotator\": \"\"}}");
        report.CountsByReason.ContainsKey("transcript-from-previous-task").Should().Be(!fix);
    }

    [Test]
    public async Task RunAsync_AsrFirstTaskUnannotated_WritesAnEmptyTranscriptWhereTheOfficialConverterCrashes()
    {
        var upload = Path.Combine(_work, "upload", "1");
        Directory.CreateDirectory(upload);
        await File.WriteAllBytesAsync(Path.Combine(upload, "a.wav"), Wav(sampleRate: 16000, frames: 16000));
        using var input = Utf8("""[{"id":1,"data":{"audio":"/data/upload/1/a.wav"},"annotations":[]}]""");
        var config = LabelConfig.Parse("<View><Audio name=\"audio\" value=\"$audio\"/><TextArea name=\"t\" toName=\"audio\"/></View>");
        var output = Path.Combine(_work, "out");

        await new ExportRunner().RunAsync(input, ExportFormat.AsrManifest, output, new ExportRunOptions
        {
            Config = config,
            Media = new LocalMediaSource(new LocalMediaSourceOptions { UploadDirectory = Path.Combine(_work, "upload") }),
        });

        (await File.ReadAllLinesAsync(Path.Combine(output, "manifest.json"))).Should().Equal("{\"audio_filepath\": \"audio/a.wav\", \"duration\": 1.0, \"text\": \"\", \"annotator\": \"\"}");
    }

    [Test]
    public async Task RunAsync_AsrAudioNotWav_DropsTheItemWithAReason()
    {
        var upload = Path.Combine(_work, "upload", "1");
        Directory.CreateDirectory(upload);
        await File.WriteAllTextAsync(Path.Combine(upload, "a.wav"), "not a wave file");
        using var input = Utf8("""[{"id":1,"data":{"audio":"/data/upload/1/a.wav"},"annotations":[{"id":3,"result":[]}]}]""");
        var config = LabelConfig.Parse("<View><Audio name=\"audio\" value=\"$audio\"/><TextArea name=\"t\" toName=\"audio\"/></View>");
        var output = Path.Combine(_work, "out");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.AsrManifest, output, new ExportRunOptions
        {
            Config = config,
            Media = new LocalMediaSource(new LocalMediaSourceOptions { UploadDirectory = Path.Combine(_work, "upload") }),
        });

        (await File.ReadAllTextAsync(Path.Combine(output, "manifest.json"))).Should().BeEmpty();
        Directory.GetFiles(Path.Combine(output, "audio")).Should().BeEmpty();
        report.Issues.Should().ContainSingle(i => i.Reason == "audio-not-pcm-wav" && i.TaskId == 1 && i.AnnotationId == 3);
    }

    [Test]
    public async Task RunAsync_TaskStream_WritesTheSameAsTheJsonExport()
    {
        // The same two tasks once as a JSON export stream and once as an IAsyncEnumerable: identical result.json.
        const string json = """
            [{"id":1,"data":{"text":"a"},"annotations":[{"id":10,"completed_by":2,"result":[{"id":"r","type":"choices","from_name":"c","to_name":"text","value":{"choices":["X"]}}]}]},
             {"id":2,"data":{"text":"b"},"annotations":[]}]
            """;
        var config = LabelConfig.Parse("<View><Text name=\"text\" value=\"$text\"/><Choices name=\"c\" toName=\"text\"><Choice value=\"X\"/></Choices></View>");
        using var input = Utf8(json);
        var fromStream = Path.Combine(_work, "stream");
        var fromTasks = Path.Combine(_work, "tasks");
        await new ExportRunner().RunAsync(input, ExportFormat.JsonMin, fromStream, new ExportRunOptions { Config = config });
        using var again = Utf8(json);
        var tasks = await LabelStudioJson.ReadTasksAsync(again).ToListAsync();

        var report = await new ExportRunner().RunAsync(Yield(tasks), ExportFormat.JsonMin, fromTasks, new ExportRunOptions { Config = config });

        report.TasksRead.Should().Be(2);
        (await File.ReadAllTextAsync(Path.Combine(fromTasks, "result.json"))).Should().Be(await File.ReadAllTextAsync(Path.Combine(fromStream, "result.json")));
    }

    [Test]
    public async Task RunAsync_TaskStreamThrowsMidway_LeavesNoOutputOrStaging()
    {
        // A paged API source failing on page 2: the sequence throws after one task; nothing may be left behind.
        using var input = Utf8("""[{"id":1,"data":{"t":"a"},"annotations":[]}]""");
        var first = await LabelStudioJson.ReadTasksAsync(input).ToListAsync();
        var output = Path.Combine(_work, "out");

        var act = () => new ExportRunner().RunAsync(FailAfter(first, new IOException("page 2 failed")), ExportFormat.Csv, output);

        await act.Should().ThrowAsync<IOException>().WithMessage("page 2 failed");
        Directory.GetFileSystemEntries(_work).Should().BeEmpty("neither the output nor the staging folder survives a failed run");
    }

    [Test]
    public async Task RunAsync_TaskStreamNull_ThrowsArgumentNullException()
    {
        var act = () => new ExportRunner().RunAsync((IAsyncEnumerable<LabelStudioTask>)null!, ExportFormat.Csv, Path.Combine(_work, "out"));

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [Test]
    public async Task RunAsync_TaskStreamCancelled_ThrowsAndLeavesNoOutput()
    {
        using var input = Utf8("""[{"id":1,"data":{"t":"a"},"annotations":[]}]""");
        var tasks = await LabelStudioJson.ReadTasksAsync(input).ToListAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => new ExportRunner().RunAsync(Yield(tasks), ExportFormat.Csv, Path.Combine(_work, "out"), cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFileSystemEntries(_work).Should().BeEmpty();
    }

    [Test]
    public void Registry_Default_HasEveryFormatOfThisPackage()
    {
        // Every official format this package writes (DOCLANG needs the doclang package and is left out).
        ExporterRegistry.CreateDefault().Formats.Select(f => f.Name).Order(StringComparer.Ordinal).Should().Equal(
            "ASR_MANIFEST", "BRUSH_TO_COCO", "BRUSH_TO_NUMPY", "BRUSH_TO_PNG", "COCO", "COCO_WITH_IMAGES", "CONLL2003", "CSV", "JSON", "JSON_MIN", "TSV", "VOC", "YOLO", "YOLO_OBB", "YOLO_OBB_WITH_IMAGES", "YOLO_WITH_IMAGES");
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

#pragma warning disable CS1998 // an async iterator without awaits: the point is the IAsyncEnumerable shape
    private static async IAsyncEnumerable<LabelStudioTask> Yield(IEnumerable<LabelStudioTask> tasks)
    {
        foreach (var task in tasks)
        {
            yield return task;
        }
    }

    private static async IAsyncEnumerable<LabelStudioTask> FailAfter(IEnumerable<LabelStudioTask> tasks, Exception failure)
    {
        foreach (var task in tasks)
        {
            yield return task;
        }

        throw failure;
    }
#pragma warning restore CS1998

    /// <summary>A 16-bit mono PCM WAV: 44-byte header, then frames * 2 bytes of silence.</summary>
    private static byte[] Wav(int sampleRate, int frames)
    {
        var data = frames * 2;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + data);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(sampleRate);
            writer.Write(sampleRate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(data);
            writer.Write(new byte[data]);
        }

        return stream.ToArray();
    }
}
