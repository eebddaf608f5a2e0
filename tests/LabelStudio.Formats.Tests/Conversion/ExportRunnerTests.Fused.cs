using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// The exporters over the parallel reader, whose work items map each task where they read it, and over the same tasks
/// passed through an iterator (the stage maps them in its own chunks): byte-identical files and the same report.
/// </summary>
public partial class ExportRunnerTests
{
    [TestCase("CSV")]
    [TestCase("COCO")]
    [TestCase("YOLO")]
    public async Task RunAsync_ReaderMapsWhereItReads_WritesWhatTheStageWritesBehindIt(string format)
    {
        // synthetic_image_small 20 times over: about 3.5 MB, some thirty batches of the reader in flight and out of order.
        var caseDirectory = Fixtures.Path("Formats/synthetic_image_small");
        var config = LabelConfig.Parse(await File.ReadAllTextAsync(Path.Combine(caseDirectory, "config.xml")));
        var tasks = (await File.ReadAllTextAsync(Path.Combine(caseDirectory, "export.json"))).Trim()[1..^1];
        var json = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(tasks, 20)) + "]");
        var reader = new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 2 };
        var fused = Path.Combine(_work, "fused");
        var staged = Path.Combine(_work, "staged");

        var fusedReport = await new ExportRunner().RunAsync(LabelStudioJson.ReadTasksAsync(new MemoryStream(json), reader), new ExportFormat(format), fused, new ExportRunOptions { Config = config });
        var stagedReport = await new ExportRunner().RunAsync(Behind(LabelStudioJson.ReadTasksAsync(new MemoryStream(json), reader)), new ExportFormat(format), staged, new ExportRunOptions { Config = config });

        fusedReport.TasksRead.Should().Be(stagedReport.TasksRead).And.BeGreaterThan(100);
        fusedReport.ItemsWritten.Should().Be(stagedReport.ItemsWritten);
        fusedReport.Issues.Select(i => (i.TaskIndex, i.Reason)).Should().Equal(stagedReport.Issues.Select(i => (i.TaskIndex, i.Reason)));
        var files = Directory.GetFiles(staged, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(staged, f)).Order(StringComparer.Ordinal).ToList();
        Directory.GetFiles(fused, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(fused, f)).Order(StringComparer.Ordinal).Should().Equal(files);
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            // COCO's info.date_created is the time of the run.
            (await WithoutRunTimeAsync(Path.Combine(fused, file))).Should().Be(await WithoutRunTimeAsync(Path.Combine(staged, file)), file);
        }
    }

    private static async Task<string> WithoutRunTimeAsync(string path) =>
        Regex.Replace(await File.ReadAllTextAsync(path), "\"date_created\": ?\"[^\"]*\"", "\"date_created\":\"\"");

    private static async IAsyncEnumerable<LabelStudioTask> Behind(IAsyncEnumerable<LabelStudioTask> tasks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            yield return task;
        }
    }
}
