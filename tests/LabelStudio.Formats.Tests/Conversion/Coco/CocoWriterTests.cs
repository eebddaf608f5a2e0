using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Coco;

/// <summary>
/// How result.json is assembled: in place (a gap of whole blocks opened in front of the annotations for the head,
/// padded with spaces at the end of the <c>"annotations": [</c> line) or, where the file system refuses the gap, by
/// copying both parts after the head. The copying path is today's output and is checked against the official
/// fixtures; the in-place path must give the same bytes but for the padding. Which path ran is only asserted where
/// the test can know it: the forced copy, or a file system that accepted the probe's gap.
/// </summary>
[TestFixture]
public class CocoWriterTests
{
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Car"/>
            <Label value="Person"/>
          </RectangleLabels>
        </View>
        """;

    private static readonly byte[] AnnotationsLine = "\"annotations\": ["u8.ToArray();

    private static IEnumerable<TestCaseData> CocoCases() => ImageExportHarness.Cases("COCO");

    private static IEnumerable<TestCaseData> CocoWithImagesCases() => ImageExportHarness.Cases("COCO_WITH_IMAGES");

    [TestCaseSource(nameof(CocoCases))]
    public async Task RunAsync_CopyingOnFixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new CopyingExporter(ExportFormat.Coco), caseName, work.Path);

        var expected = Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "COCO");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }

    [TestCaseSource(nameof(CocoWithImagesCases))]
    public async Task RunAsync_CopyingWithImagesOnFixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new CopyingExporter(ExportFormat.CocoWithImages), caseName, work.Path);

        var expected = Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "COCO_WITH_IMAGES");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }

    [TestCaseSource(nameof(CocoCases))]
    public async Task RunAsync_FixtureCase_InPlaceEqualsCopyingButForPadding(string caseName)
    {
        using var work = new TempDirectory();
        var export = await File.ReadAllBytesAsync(Path.Combine(ImageExportHarness.CaseDirectory(caseName), "export.json"));
        var config = LabelConfig.Parse(await File.ReadAllTextAsync(Path.Combine(ImageExportHarness.CaseDirectory(caseName), "config.xml")));

        var (copied, copyingWriter) = await RunAsync(export, config, Path.Combine(work.Path, "copy"), inPlace: false);
        var (inPlace, inPlaceWriter) = await RunAsync(export, config, Path.Combine(work.Path, "in-place"), inPlace: true);

        copyingWriter.WroteInPlace.Should().BeFalse();
        AssertSameButForPadding(inPlace, copied, inPlaceWriter.WroteInPlace, BlockSizeOf(work.Path));
        if (FileRanges.Probe(work.Path) && AnnotationCount(copied) > 0)
        {
            inPlaceWriter.WroteInPlace.Should().BeTrue("the file system accepted the probe's gap");
        }
    }

    [Test]
    public async Task RunAsync_HeadOfWholeBlocks_WritesNoPadding()
    {
        using var work = new TempDirectory();
        var block = BlockSizeOf(work.Path);
        if (block == 0)
        {
            // No gap can be opened here; a 4 KiB target still checks that both paths agree.
            block = 4096;
        }

        var config = LabelConfig.Parse(Config);

        // The image's file name is the head's only free-length text and appears once in it (one annotation, one
        // image entry, written as is: letters need no escape), so lengthening it by the head's shortfall to the next
        // block boundary makes the head exactly whole blocks.
        var (first, _) = await RunAsync(OneTask("a"), config, Path.Combine(work.Path, "measure"), inPlace: false);
        var shortfall = (int)((block - (HeadLength(first) % block)) % block);
        var name = new string('a', 1 + shortfall);
        var (copied, _) = await RunAsync(OneTask(name), config, Path.Combine(work.Path, "copy"), inPlace: false);
        var (inPlace, writer) = await RunAsync(OneTask(name), config, Path.Combine(work.Path, "in-place"), inPlace: true);

        (HeadLength(copied) % block).Should().Be(0);
        inPlace.Should().Equal(copied, "a head of whole blocks fills the gap exactly");
        if (FileRanges.Probe(work.Path))
        {
            writer.WroteInPlace.Should().BeTrue();
        }
    }

    [Test]
    public async Task RunAsync_HeadOneByteOverABlock_PadsToTheNextBlock()
    {
        using var work = new TempDirectory();
        var block = BlockSizeOf(work.Path);
        if (block == 0 || !FileRanges.Probe(work.Path))
        {
            Assert.Ignore("This file system cannot open a gap in a file; the copying path has no padding to check.");
        }

        var config = LabelConfig.Parse(Config);
        var (first, _) = await RunAsync(OneTask("a"), config, Path.Combine(work.Path, "measure"), inPlace: false);
        var name = new string('a', 1 + (int)((block - (HeadLength(first) % block)) % block) + 1);

        var (copied, _) = await RunAsync(OneTask(name), config, Path.Combine(work.Path, "copy"), inPlace: false);
        var (inPlace, writer) = await RunAsync(OneTask(name), config, Path.Combine(work.Path, "in-place"), inPlace: true);

        writer.WroteInPlace.Should().BeTrue();
        (HeadLength(copied) % block).Should().Be(1);

        // One byte into a block: the rest of that block, block - 1 spaces, is padding.
        (inPlace.Length - copied.Length).Should().Be((int)block - 1);
        AssertSameButForPadding(inPlace, copied, wroteInPlace: true, block);
    }

    [Test]
    public async Task RunAsync_EmptyExport_WritesEmptyArraysWithoutGap()
    {
        using var work = new TempDirectory();
        var output = Path.Combine(work.Path, "out");

        var (result, writer) = await RunAsync("[]"u8.ToArray(), LabelConfig.Parse(Config), output, inPlace: true);

        writer.WroteInPlace.Should().BeFalse("there are no annotations to put a head in front of");
        var (copied, _) = await RunAsync("[]"u8.ToArray(), LabelConfig.Parse(Config), Path.Combine(work.Path, "copy"), inPlace: false);
        result.Should().Equal(copied);

        // ujson writes an empty list as [] on the name's line; the categories are the config's labels in code-point order.
        var text = Encoding.UTF8.GetString(result);
        text.Should().StartWith("{\n  \"images\": [],\n  \"categories\": [\n");
        text.Should().Contain("\n  \"annotations\": [],\n  \"info\": {\n");
        using var json = JsonDocument.Parse(result);
        json.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("Car", "Person");
        Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("images", "result.json");
    }

    [Test]
    public async Task RunAsync_ImagesWithoutAnnotations_WritesEmptyAnnotationsArray()
    {
        using var work = new TempDirectory();

        // A task without results still gets an image entry (width/height null) but no annotation.
        var export = """[{"id":1,"data":{"image":"/data/upload/1/x.jpg"},"annotations":[{"id":1,"result":[]}]}]"""u8.ToArray();
        var (result, writer) = await RunAsync(export, LabelConfig.Parse(Config), Path.Combine(work.Path, "out"), inPlace: true);

        writer.WroteInPlace.Should().BeFalse();
        using var json = JsonDocument.Parse(result);
        json.RootElement.GetProperty("images").GetArrayLength().Should().Be(1);
        json.RootElement.GetProperty("annotations").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task RunAsync_ManyAnnotations_InPlaceEqualsCopyingButForPadding()
    {
        // Several megabytes of annotations: the writeback steps (8 MB) and the copy's chunks are crossed.
        using var work = new TempDirectory();
        var tasks = new StringBuilder("[");
        for (var i = 0; i < 2000; i++)
        {
            tasks.Append(i == 0 ? string.Empty : ",").Append(TaskJson(i, $"img{i}"));
        }

        var export = Encoding.UTF8.GetBytes(tasks.Append(']').ToString());
        var config = LabelConfig.Parse(Config);

        var (copied, _) = await RunAsync(export, config, Path.Combine(work.Path, "copy"), inPlace: false);
        var (inPlace, writer) = await RunAsync(export, config, Path.Combine(work.Path, "in-place"), inPlace: true);

        copied.Length.Should().BeGreaterThan(8 << 20);
        AssertSameButForPadding(inPlace, copied, writer.WroteInPlace, BlockSizeOf(work.Path));
        using var json = JsonDocument.Parse(inPlace);
        json.RootElement.GetProperty("annotations").GetArrayLength().Should().Be(2000 * 20);
    }

    [Test]
    public async Task RunAsync_CancelledWhileStreaming_ThrowsAndLeavesNoOutput()
    {
        using var work = new TempDirectory();
        var output = Path.Combine(work.Path, "out");
        var tasks = await LabelStudioJson.ReadTasksAsync(new MemoryStream(OneTask("a"))).ToListAsync();
        using var cancellation = new CancellationTokenSource();

        var act = () => new ExportRunner().RunAsync(
            CancelAfter(Enumerable.Repeat(tasks[0], 50).ToList(), 20, cancellation),
            ExportFormat.Coco,
            output,
            new ExportRunOptions { Config = LabelConfig.Parse(Config) },
            cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFileSystemEntries(work.Path).Should().BeEmpty("the staging folder is removed and nothing is published");
    }

    [Test]
    public async Task RunAsync_CancelledBeforeStart_LeavesNoResultOrPart()
    {
        using var work = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var writer = new CocoWriter(Context(OneTask("a"), LabelConfig.Parse(Config), work.Path));

        var act = () => writer.RunAsync(cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.EnumerateFiles(work.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [TestCase(1, 4096, 4096)]
    [TestCase(4095, 4096, 4096)]
    [TestCase(4096, 4096, 4096)]
    [TestCase(4097, 4096, 8192)]
    [TestCase(26_491_062 + 300, 4096, 26_492_928)]
    [TestCase(1500, 1024, 2048)]
    [TestCase(100, 0, 0)]
    public void GapLength_HeadAndBlock_IsTheNextWholeBlock(long head, long block, long expected) =>
        CocoWriter.GapLength(head, block).Should().Be(expected);

    /// <summary>
    /// The in-place output is the copying one with spaces added at the end of the <c>"annotations": [</c> line (and
    /// only there), as many as take its end, and so the annotations, to a block boundary.
    /// </summary>
    private static void AssertSameButForPadding(byte[] inPlace, byte[] copied, bool wroteInPlace, long block)
    {
        var head = HeadLength(copied);
        var padding = inPlace.Length - copied.Length;
        inPlace.AsSpan(0, head).SequenceEqual(copied.AsSpan(0, head)).Should().BeTrue("the head is the same up to '\"annotations\": ['");
        inPlace.AsSpan(head, padding).IndexOfAnyExcept((byte)' ').Should().Be(-1, "the padding is spaces only");
        inPlace.AsSpan(head + padding).SequenceEqual(copied.AsSpan(head)).Should().BeTrue("everything after the padding is the same");
        if (wroteInPlace)
        {
            block.Should().BeGreaterThan(0);
            ((head + padding) % block).Should().Be(0, "the annotations start on a block boundary");
            padding.Should().BeLessThan((int)block);
        }
        else
        {
            padding.Should().Be(0);
        }

        Encoding.UTF8.GetString(inPlace).Split('\n').Length.Should().Be(Encoding.UTF8.GetString(copied).Split('\n').Length);
        using var json = JsonDocument.Parse(inPlace);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("images", "categories", "annotations", "info");
    }

    /// <summary>Bytes of result.json up to and including <c>"annotations": [</c> (the line is unique in the file).</summary>
    private static int HeadLength(byte[] result)
    {
        var at = result.AsSpan().IndexOf(AnnotationsLine);
        at.Should().BeGreaterThan(0);
        return at + AnnotationsLine.Length;
    }

    private static int AnnotationCount(byte[] result)
    {
        using var json = JsonDocument.Parse(result);
        return json.RootElement.GetProperty("annotations").GetArrayLength();
    }

    private static long BlockSizeOf(string directory)
    {
        var path = Path.Combine(directory, "block-size");
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        return FileRanges.BlockSize(handle);
    }

    private static async Task<(byte[] Result, CocoWriter Writer)> RunAsync(byte[] export, LabelConfig config, string output, bool inPlace)
    {
        Directory.CreateDirectory(output);
        var writer = new CocoWriter(Context(export, config, output)) { InsertInPlace = inPlace };
        await writer.RunAsync(CancellationToken.None);
        Directory.EnumerateFiles(output, ".*").Should().BeEmpty("no part or probe file is left");
        return (await File.ReadAllBytesAsync(Path.Combine(output, "result.json")), writer);
    }

    private static ExportContext Context(byte[] export, LabelConfig config, string output) => new()
    {
        Tasks = LabelStudioJson.ReadTasksAsync(new MemoryStream(export)),
        Config = config,
        OutputDirectory = output,
        Options = new ImageExportOptions { TimeProvider = new FixedTime() },
    };

    private static byte[] OneTask(string imageName) => Encoding.UTF8.GetBytes($"[{TaskJson(1, imageName)}]");

    /// <summary>A task with 20 rectangles on /data/upload/1/&lt;name&gt;.jpg.</summary>
    private static string TaskJson(int id, string imageName)
    {
        var regions = string.Join(",", Enumerable.Range(0, 20).Select(r =>
            $$$"""{"id":"r{{{r}}}","from_name":"label","to_name":"image","type":"rectanglelabels","original_width":640,"original_height":480,"value":{"x":{{{r}}}.5,"y":10.25,"width":20,"height":30,"rotation":0,"rectanglelabels":["{{{(r % 2 == 0 ? "Car" : "Person")}}}"]}}"""));
        return $$$"""{"id":{{{id}}},"data":{"image":"/data/upload/1/{{{imageName}}}.jpg"},"annotations":[{"id":{{{id}}},"created_at":"2024-01-01T00:00:00Z","result":[{{{regions}}}]}]}""";
    }

    private static async IAsyncEnumerable<LabelStudioTask> CancelAfter(List<LabelStudioTask> tasks, int count, CancellationTokenSource cancellation, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (i == count)
            {
                await cancellation.CancelAsync();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return tasks[i];
        }
    }

    /// <summary>COCO or COCO_WITH_IMAGES that always copies, as on a file system without INSERT_RANGE.</summary>
    private sealed class CopyingExporter(ExportFormat format) : IExporter
    {
        public ExportFormat Format => format;

        public bool RequiresConfig => true;

        public bool IsSupported(LabelConfig? config) => true;

        public Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default) =>
            new CocoWriter(context, withImages: format == ExportFormat.CocoWithImages) { InsertInPlace = false }.RunAsync(cancellationToken);
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
