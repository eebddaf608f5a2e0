using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

/// <summary>How the YOLO writer creates label files: CreateNew in the staging folder, batches to the writer thread.</summary>
public class YoloWriterTests
{
    private const string Config = """
        <View><Image name="image" value="$image"/>
        <RectangleLabels name="label" toName="image"><Label value="Box"/></RectangleLabels></View>
        """;

    [Test]
    public async Task RunAsync_SameImageAcrossBatches_LaterTaskWins()
    {
        // 300 images (more than one batch of 256 files to the writer thread), then task 300 labels img0 again:
        // the official converter writes one file per image stem, the later item replacing the earlier file.
        // Box (10, 20, 30x40) % -> centre (25, 40) -> "0 0.25 0.4 0.3 0.4"; box (0, 0, 50x50) -> "0 0.25 0.25 0.5 0.5".
        using var work = new TempDirectory();
        var tasks = Enumerable.Range(0, 300).Select(i => Task(i, $"/data/upload/1/img{i}.jpg", 10, 20, 30, 40))
            .Append(Task(300, "/data/upload/1/img0.jpg", 0, 0, 50, 50));
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]"));
        var output = Path.Combine(work.Path, "out");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.Yolo, output, new ExportRunOptions { Config = LabelConfig.Parse(Config) });

        Directory.GetFiles(Path.Combine(output, "labels")).Should().HaveCount(300);
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "img0.txt"))).Should().Be("0 0.25 0.25 0.5 0.5\n");
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "img299.txt"))).Should().Be("0 0.25 0.4 0.3 0.4\n");
        report.Issues.Should().ContainSingle(i => i.Reason == "label-file-overwritten").Which.TaskId.Should().Be(300);
    }

    [Test]
    public async Task RunAsync_SameImageThreeTimesInOneBatch_LastWriteWins()
    {
        // Tasks 0 and 1 label img0, task 2 img1, task 3 img0 again: the three writes of img0 all wait in the first
        // batch of 256 and are folded into one write holding the last content, as the official converter's rewrites leave it.
        // Box (10, 20, 30x40) % -> centre (25, 40) -> "0 0.25 0.4 0.3 0.4"; box (0, 0, 50x50) -> "0 0.25 0.25 0.5 0.5".
        using var work = new TempDirectory();
        string[] tasks =
        [
            Task(0, "/data/upload/1/img0.jpg", 10, 20, 30, 40),
            Task(1, "/data/upload/1/img0.jpg", 10, 20, 30, 40),
            Task(2, "/data/upload/1/img1.jpg", 10, 20, 30, 40),
            Task(3, "/data/upload/1/img0.jpg", 0, 0, 50, 50),
        ];
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]"));
        var output = Path.Combine(work.Path, "out");

        var report = await new ExportRunner().RunAsync(input, ExportFormat.Yolo, output, new ExportRunOptions { Config = LabelConfig.Parse(Config) });

        Directory.GetFiles(Path.Combine(output, "labels")).Select(Path.GetFileName).Should().BeEquivalentTo(["img0.txt", "img1.txt"]);
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "img0.txt"))).Should().Be("0 0.25 0.25 0.5 0.5\n");
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "img1.txt"))).Should().Be("0 0.25 0.4 0.3 0.4\n");
        report.Issues.Where(i => i.Reason == "label-file-overwritten").Select(i => i.TaskId).Should().Equal(1L, 3L);
    }

    [Test]
    [Platform("Linux", Reason = "A file name is limited to 255 bytes on Linux; elsewhere to 255 UTF-16 units, which this name fits.")]
    public async Task RunAsync_WriterThreadFailsMidway_LeavesNoOutputAndNamesTheFile()
    {
        // Task 500 names its image with 251 three-byte characters: the label stem is cut to 251 characters (as the
        // official converter does), 753 bytes + ".txt", longer than a Linux file name may be. The files of tasks
        // 0-499 (two batches of 256 before it) are already written by then; the export must fail, name the file
        // and leave neither the output folder nor its staging folder behind.
        using var work = new TempDirectory();
        var stem = new string('\u65E5', 251);
        var tasks = Enumerable.Range(0, 1000).Select(i => Task(i, i == 500 ? $"/data/upload/1/{stem}.jpg" : $"/data/upload/1/img{i}.jpg", 10, 20, 30, 40));
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]"));
        var output = Path.Combine(work.Path, "out");

        var act = () => new ExportRunner().RunAsync(input, ExportFormat.Yolo, output, new ExportRunOptions { Config = LabelConfig.Parse(Config) });

        var failure = (await act.Should().ThrowAsync<IOException>()).Which;
        failure.Message.Should().Contain($"labels/{stem}.txt").And.NotContain(".staging-", "the staging folder is gone when the user reads this");
        Directory.Exists(output).Should().BeFalse();
        Directory.GetFileSystemEntries(work.Path).Should().BeEmpty("the staging folder is deleted too");
    }

    [Test]
    public async Task RunAsync_CancelledWhileWriting_LeavesNoOutput()
    {
        // Cancelled from the progress callback (after 1024 tasks) while the writer thread has files queued.
        using var work = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, 3000).Select(i => Task(i, $"/data/upload/1/img{i}.jpg", 10, 20, 30, 40));
        using var input = new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(",", tasks) + "]"));
        var output = Path.Combine(work.Path, "out");
        var options = new ExportRunOptions { Config = LabelConfig.Parse(Config), Progress = new CancelOnReport(cancel) };

        var act = () => new ExportRunner().RunAsync(input, ExportFormat.Yolo, output, options, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFileSystemEntries(work.Path).Should().BeEmpty("neither the output nor the staging folder is left");
    }

    private static string Task(int id, string image, int x, int y, int width, int height) => $$$"""
        {"id":{{{id}}},"data":{"image":"{{{image}}}"},"annotations":[{"id":{{{1000 + id}}},"completed_by":1,"result":[
          {"id":"r","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":640,"original_height":480,
           "value":{"x":{{{x}}},"y":{{{y}}},"width":{{{width}}},"height":{{{height}}},"rotation":0,"rectanglelabels":["Box"]}}]}]}
        """;

    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value) => cancel.Cancel();
    }
}
