using System.Diagnostics;
using System.Globalization;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Benchmarks.Conversion;

/// <summary>One export outside BenchmarkDotNet, for peak-memory measurements (<c>export-run</c>).</summary>
internal static class ExportRun
{
    public static async Task RunAsync(string format, string input, string output)
    {
        var config = LabelConfig.Parse(ExportBenchmarks.ConfigXml);
        var stopwatch = Stopwatch.StartNew();
        await using var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var report = await new ExportRunner().RunAsync(stream, new ExportFormat(format), output, new ExportRunOptions { Config = config }).ConfigureAwait(false);
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{format}: {stopwatch.Elapsed.TotalSeconds:F2} s wall, {process.TotalProcessorTime.TotalSeconds:F2} s CPU, {report.TasksRead} tasks, {report.ItemsWritten} items, peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), GC pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB"));

        // LABELSTUDIO_BENCH_REPORT=1 also prints the report's summary (issue counts by reason).
        if (Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_REPORT") == "1")
        {
            foreach (var line in report.Summarize())
            {
                Console.WriteLine(line);
            }
        }
    }
}
