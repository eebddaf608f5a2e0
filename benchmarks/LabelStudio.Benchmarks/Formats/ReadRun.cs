using System.Diagnostics;
using System.Globalization;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>One streaming read outside BenchmarkDotNet, for peak-memory measurements (<c>read-run</c>).</summary>
internal static class ReadRun
{
    public static async Task RunAsync(string input, int? parallelism = null)
    {
        // LABELSTUDIO_BENCH_PASSES=N reads the file N times in one process and prints each pass (warm-up vs steady state).
        var passes = int.TryParse(Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_PASSES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        for (var pass = 1; pass < passes; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await ReadOnceAsync(input, parallelism).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: {watch.Elapsed.TotalSeconds:F2} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU"));
        }

        var stopwatch = Stopwatch.StartNew();
        var results = await ReadOnceAsync(input, parallelism).ConfigureAwait(false);
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        var megabytes = new FileInfo(input).Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read (parallelism {parallelism?.ToString(CultureInfo.InvariantCulture) ?? "default " + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)}): {megabytes:F0} MB in {stopwatch.Elapsed.TotalSeconds:F2} s wall = {megabytes / stopwatch.Elapsed.TotalSeconds:F0} MB/s, {process.TotalProcessorTime.TotalSeconds:F2} s CPU, {results} annotation results, peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, GC: {GC.CollectionCount(0)} gen0 / {GC.CollectionCount(1)} gen1 / {GC.CollectionCount(2)} gen2, paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB"));
    }

    private static async Task<long> ReadOnceAsync(string input, int? parallelism)
    {
        long results = 0;
        await using (var stream = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            // LABELSTUDIO_BENCH_SKIP=1 skips predictions and drafts (what every converter skips); LABELSTUDIO_BENCH_SKIP=COCO (or
            // another format's name) skips what the export runner skips for that format.
            var skipped = Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_SKIP") switch
            {
                null or "" or "0" => SkippedTaskMembers.None,
                "1" => SkippedTaskMembers.Predictions | SkippedTaskMembers.Drafts,
                var format => ExporterRegistry.CreateDefault().TryGet(new ExportFormat(format), out var exporter)
                    ? ExportRunner.SkippableMembers(exporter)
                    : throw new ArgumentException($"LABELSTUDIO_BENCH_SKIP: unknown format '{format}'."),
            };
            // LABELSTUDIO_BENCH_EXACT=1 reads every task with the tokenizer-based reader only (no FastTaskReader).
            var exact = Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_EXACT") == "1";
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism, SkippedTaskMembers = skipped, DisableFastTaskReader = exact }).ConfigureAwait(false))
            {
                foreach (var annotation in task.Annotations)
                {
                    results += annotation.Results.Count;
                }
            }
        }

        return results;
    }
}
