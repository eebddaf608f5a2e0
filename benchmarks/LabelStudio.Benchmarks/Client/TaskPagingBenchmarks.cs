using BenchmarkDotNet.Attributes;
using LabelStudio.Client;
using LabelStudio.Client.Tasks;

namespace LabelStudio.Benchmarks.Client;

/// <summary>
/// Pages every task of a synthetic project (about 6 KB per task, the Formats benchmark's profile) from a
/// loopback server through both listing styles: the Data Manager envelope (<c>/api/tasks/</c>) and the project's plain
/// array (<c>/api/projects/{id}/tasks/</c>). Goals (issue 6 item 11): at least 150 MB/s of JSON, allocations at most twice
/// the JSON size, memory flat as the page size grows, every task complete (counted, with its annotations).
/// </summary>
[MemoryDiagnoser]
public class TaskPagingBenchmarks : IDisposable
{
    private PagingServer _server = null!;
    private LabelStudioClient _client = null!;

    /// <summary>
    /// Tasks in the project. 10,000 (60 MB): BenchmarkDotNet's in-process toolchain (the only one that works here) refuses
    /// operations as long as a 100,000-task pass on the shared machine; `client-paging 100000` (PagingProbe) measures those.
    /// </summary>
    [Params(10_000)]
    public int Tasks { get; set; }

    /// <summary>Tasks per page.</summary>
    [Params(100, 1000)]
    public int PageSize { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await PagingServer.StartAsync(Tasks);
        _client = new LabelStudioClient(new LabelStudioClientOptions { BaseUrl = _server.BaseUrl, ApiKey = "0123456789abcdef0123456789abcdef01234567" });
        Console.WriteLine($"// {Tasks} tasks, {_server.TaskBytes / 1e6:F1} MB of task JSON, {_server.Annotations} annotations");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        Dispose();
        await _server.DisposeAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The Data Manager list with annotations (<c>fields=all</c>), envelope pages.</summary>
    /// <returns>Tasks read.</returns>
    [Benchmark]
    public async Task<long> Envelope()
    {
        var (tasks, annotations) = await Count(_client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, IncludeAnnotations = true, PageSize = PageSize }));
        return Check(tasks, annotations);
    }

    /// <summary>The project task list, plain-array pages.</summary>
    /// <returns>Tasks read.</returns>
    [Benchmark]
    public async Task<long> PlainArray()
    {
        var (tasks, annotations) = await Count(_client.Tasks.ListProjectTasksAsync(1, PageSize));
        return Check(tasks, annotations);
    }

    internal static async Task<(long Tasks, long Annotations)> Count(IAsyncEnumerable<LabelStudio.Formats.Models.LabelStudioTask> source)
    {
        long tasks = 0, annotations = 0;
        await foreach (var task in source)
        {
            tasks++;
            annotations += task.Annotations.Count;
        }

        return (tasks, annotations);
    }

    private long Check(long tasks, long annotations)
    {
        if (tasks != _server.TaskCount || annotations != _server.Annotations)
        {
            throw new InvalidOperationException($"Incomplete: {tasks} of {_server.TaskCount} tasks, {annotations} of {_server.Annotations} annotations.");
        }

        return tasks;
    }
}
