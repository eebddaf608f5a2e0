using System.Diagnostics;
using System.Globalization;
using LabelStudio.Client;
using LabelStudio.Client.Tasks;

namespace LabelStudio.Benchmarks.Client;

/// <summary>
/// `client-paging [tasks]`: one pass per style and page size outside BenchmarkDotNet, printing MB/s, bytes allocated per
/// byte of JSON and the managed heap's peak above its level before the pass (sampled every 1,000 tasks), the number the
/// "memory flat as the page size grows" goal is about. The export itself (kept by the server) is in the baseline.
/// </summary>
internal static class PagingProbe
{
    public static async Task RunAsync(int taskCount)
    {
        await using var server = await PagingServer.StartAsync(taskCount);
        using var client = new LabelStudioClient(new LabelStudioClientOptions { BaseUrl = server.BaseUrl, ApiKey = "0123456789abcdef0123456789abcdef01234567" });
        Console.WriteLine($"{taskCount} tasks, {server.TaskBytes / 1e6:F1} MB of task JSON, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("style        page  seconds   MB/s  alloc/JSON  peak heap MB  tasks ok");

        // Baselines on the same bytes: the Formats reader alone (no HTTP), and the transport alone (pages read and dropped).
        for (var run = 0; run < 2; run++)
        {
            var export = server.ExportCopy();
            var before = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            var (tasks, annotations) = await TaskPagingBenchmarks.Count(LabelStudio.Formats.Serialization.LabelStudioJson.ReadTasksAsync(new MemoryStream(export, writable: false)));
            clock.Stop();
            Report("Formats only", 0, clock.Elapsed, GC.GetTotalAllocatedBytes(true) - before, 0, tasks == server.TaskCount && annotations == server.Annotations);
        }

        using (var http = new HttpClient { BaseAddress = server.BaseUrl })
        {
            var buffer = new byte[81920];
            var clock = Stopwatch.StartNew();
            for (var page = 1; ; page++)
            {
                using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/projects/1/tasks/?page={page}&page_size=1000"), HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    break;
                }

                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0)
                {
                }
            }

            clock.Stop();
            Report("HTTP only", 1000, clock.Elapsed, 0, 0, true);
        }

        void Report(string style, int pageSize, TimeSpan elapsed, long allocated, long peak, bool ok) =>
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{style,-12} {pageSize,5} {elapsed.TotalSeconds,8:F2} {server.TaskBytes / 1e6 / elapsed.TotalSeconds,6:F0} {(double)allocated / server.TaskBytes,11:F2} {peak / 1e6,13:F1}  {(ok ? "yes" : "NO")}"));

        foreach (var pageSize in new[] { 100, 1000 })
        {
            foreach (var envelope in new[] { true, false })
            {
                for (var run = 0; run < 2; run++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    var baseline = GC.GetTotalMemory(true);
                    var allocatedBefore = GC.GetTotalAllocatedBytes(true);
                    long peak = 0, tasks = 0, annotations = 0;
                    var clock = Stopwatch.StartNew();
                    var source = envelope
                        ? client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, IncludeAnnotations = true, PageSize = pageSize })
                        : client.Tasks.ListProjectTasksAsync(1, pageSize);
                    await foreach (var task in source)
                    {
                        tasks++;
                        annotations += task.Annotations.Count;
                        if (tasks % 1000 == 0)
                        {
                            peak = Math.Max(peak, GC.GetTotalMemory(false) - baseline);
                        }
                    }

                    clock.Stop();
                    var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
                    Report(envelope ? "envelope" : "plain array", pageSize, clock.Elapsed, allocated, peak, tasks == server.TaskCount && annotations == server.Annotations);
                }
            }
        }
    }
}
