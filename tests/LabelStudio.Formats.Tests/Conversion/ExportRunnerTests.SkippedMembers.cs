using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// The stream overload reads tasks without their predictions and drafts for the formats whose exporters never look at
/// them. Differential: for every fixture case and every format, its output equals the output of the same tasks read
/// whole (the task-sequence overload, fed by the default reader), byte for byte, or both runs fail alike.
/// </summary>
public partial class ExportRunnerTests
{
    // Every case's tasks once as exported and once with a draft added to every task: the fixtures hold predictions but
    // no drafts, and a draft carrying results must not reach any output either.
    public static IEnumerable<TestCaseData> SkippingCases()
    {
        var formats = ExporterRegistry.CreateDefault().Formats;
        foreach (var caseDir in Directory.EnumerateDirectories(Fixtures.FormatsRoot).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(caseDir, "export.json")))
            {
                continue;
            }

            foreach (var format in formats)
            {
                foreach (var withDrafts in (bool[])[false, true])
                {
                    var name = $"{Path.GetFileName(caseDir)}/{format}{(withDrafts ? "/with drafts" : string.Empty)}";
                    yield return new TestCaseData(Path.GetFileName(caseDir), format.Name, withDrafts).SetArgDisplayNames(name);
                }
            }
        }
    }

    [Test]
    public void SkippingCases_Fixtures_HoldPredictions()
    {
        // The differential test proves nothing about predictions unless some fixture has them.
        var withPredictions = Directory.EnumerateFiles(Fixtures.FormatsRoot, "export.json", SearchOption.AllDirectories)
            .Count(f => JsonNode.Parse(File.ReadAllText(f)) is JsonArray tasks && tasks.Any(t => t?["predictions"] is JsonArray { Count: > 0 }));

        withPredictions.Should().BeGreaterThanOrEqualTo(3);
    }

    [Test]
    public void SkippingCases_Fixtures_HoldTheSkippedAnnotationMembers()
    {
        // Nor about an annotation's bookkeeping, edit times, author and extensions unless some fixture has each of them.
        var annotations = Directory.EnumerateFiles(Fixtures.FormatsRoot, "export.json", SearchOption.AllDirectories)
            .Select(f => JsonNode.Parse(File.ReadAllText(f)))
            .SelectMany(root => root is JsonArray tasks ? tasks : [root])
            .SelectMany(t => t?["annotations"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .ToList();
        var known = SkippedMemberMasks.AnnotationMemberNames.ToHashSet(StringComparer.Ordinal);

        foreach (var member in (string[])["completed_by", "updated_at", "lead_time", "unique_id", "prediction", "result_count", "task", "project"])
        {
            annotations.Count(a => a.ContainsKey(member)).Should().BeGreaterThan(10, member);
        }

        annotations.Should().Contain(a => a.Any(m => !known.Contains(m.Key)), "an unknown annotation member");
    }

    [TestCaseSource(nameof(SkippingCases))]
    public async Task RunAsync_StreamSkippingPredictionsAndDrafts_EqualsWholeTaskRead(string caseName, string format, bool withDrafts)
    {
        var caseDir = Path.Combine(Fixtures.FormatsRoot, caseName);
        var export = await File.ReadAllBytesAsync(Path.Combine(caseDir, "export.json"));
        if (withDrafts)
        {
            export = AddDrafts(export);
        }

        var config = TryLoadConfig(caseDir);
        var skipping = Path.Combine(_work, "skipping");
        var whole = Path.Combine(_work, "whole");

        var skippingOutcome = await Outcome(async () =>
        {
            using var input = new MemoryStream(export);
            return await new ExportRunner().RunAsync(input, new ExportFormat(format), skipping, RunOptions(caseDir, config));
        });
        var wholeOutcome = await Outcome(async () =>
        {
            using var input = new MemoryStream(export);
            return await new ExportRunner().RunAsync(LabelStudioJson.ReadTasksAsync(input), new ExportFormat(format), whole, RunOptions(caseDir, config));
        });

        skippingOutcome.Should().Be(wholeOutcome);
        FilesOf(skipping).Should().Equal(FilesOf(whole));
        foreach (var file in FilesOf(whole))
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(whole, file));
            var actual = await File.ReadAllBytesAsync(Path.Combine(skipping, file));
            if (format == "BRUSH_TO_COCO" && file.EndsWith(".json", StringComparison.Ordinal))
            {
                // Category colours are random, as the official converter's random.randint: everything else must match.
                WithoutColours(actual).Should().Be(WithoutColours(expected), file);
                continue;
            }

            actual.Should().Equal(expected, file);
        }
    }

    [TestCase("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[],\"predictions\":[{\"id\":1,\"result\":[}]}]", 76, "CSV", TestName = "RunAsync_MalformedSkippedPredictions_ThrowsPositioned")]
    [TestCase("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[],\"drafts\":[{\"id\":1,\"lead_time\":1.5.2}]}]", 76, "CSV", TestName = "RunAsync_MalformedSkippedDrafts_ThrowsPositioned")]
    [TestCase("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[],\"meta\":{\"k\":1.5.2}}]", 58, "CSV", TestName = "RunAsync_MalformedSkippedTaskMeta_ThrowsPositioned")]
    [TestCase("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[{\"id\":1,\"result\":[],\"result_count\":1.5.2}]}]", 79, "CSV", TestName = "RunAsync_MalformedSkippedAnnotationBookkeeping_ThrowsPositioned")]
    [TestCase("[{\"id\":1,\"data\":{\"t\":\"a\"},\"annotations\":[{\"id\":1,\"result\":[],\"history\":[1.5.2]}]}]", 75, "JSON_MIN", TestName = "RunAsync_MalformedSkippedAnnotationExtension_ThrowsPositioned")]
    public async Task RunAsync_MalformedSkippedMember_ThrowsPositioned(string json, int offset, string format)
    {
        // The offsets point at the first byte that is not JSON: the '}' closing an array, the second '.' of a number.
        json[offset].Should().BeOneOf('}', '.');
        var output = Path.Combine(_work, "out");
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var act = () => new ExportRunner().RunAsync(input, new ExportFormat(format), output);

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        error.TaskIndex.Should().Be(0);
        error.ByteOffset.Should().Be(offset);
        error.Line.Should().Be(1);
        error.Column.Should().Be(offset + 1);
        Directory.Exists(output).Should().BeFalse();
    }

    private static ExportRunOptions RunOptions(string caseDir, Config.LabelConfig? config) => new()
    {
        Config = config,
        Media = new LocalMediaSource(new LocalMediaSourceOptions { UploadDirectory = Path.Combine(caseDir, "media", "upload") }),

        // COCO and YOLO write the date; both runs must see the same one.
        ExportOptions = new ImageExportOptions { TimeProvider = new FixedTime() },
    };

    private static Config.LabelConfig? TryLoadConfig(string caseDir)
    {
        var hasConfig = File.Exists(Path.Combine(caseDir, "config.xml")) || File.Exists(Path.Combine(caseDir, "config.json"));
        return hasConfig ? ExportFixtureTests.LoadConfig(caseDir) : null;
    }

    // What a run ended with: "ok" and its report's counts, or the exception's type and message.
    private static async Task<string> Outcome(Func<Task<ConversionReport>> run)
    {
        try
        {
            var report = await run();
            return $"ok: {report.TasksRead} read, {report.TasksWritten} written, {report.ItemsWritten} items, {report.Issues.Count} issues";
        }
        catch (Exception ex) when (ex is ArgumentException or ConversionException or LabelStudioJsonException or NotSupportedException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static string[] FilesOf(string directory) => Directory.Exists(directory)
        ? [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal)]
        : [];

    private static string WithoutColours(byte[] json) =>
        System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(json), "\"color\": ?\"#[0-9a-f]{6}\"", "\"color\":\"#\"");

    private static byte[] AddDrafts(byte[] export)
    {
        var root = JsonNode.Parse(export)!;
        foreach (var task in root is JsonArray array ? array : [root])
        {
            var results = task?["annotations"] is JsonArray { Count: > 0 } annotations ? annotations[0]?["result"]?.DeepClone() : null;
            task!["drafts"] = new JsonArray(new JsonObject { ["id"] = 9001, ["result"] = results ?? new JsonArray(), ["lead_time"] = 2.5, ["was_postponed"] = false });
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
