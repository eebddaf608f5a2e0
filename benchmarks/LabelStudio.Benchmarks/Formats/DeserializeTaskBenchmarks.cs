using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>
/// One task from a REST body: <see cref="LabelStudioJson.DeserializeTask"/> (the fast reader first) against the exact
/// reader it falls back to, and the fast reader with a string pool kept across calls (what a per-call pool costs).
/// Bodies: a synthetic export task (image, three annotators' rectangles, server metadata) and a minimal one.
/// </summary>
[MemoryDiagnoser]
public class DeserializeTaskBenchmarks
{
    private readonly JsonStringPool _pool = new();
    private byte[] _body = [];

    /// <summary>Which body.</summary>
    [Params("export-task", "minimal")]
    public string Body { get; set; } = "export-task";

    /// <summary>Takes the first task of a one-task synthetic export, or the minimal body.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Body == "minimal")
        {
            _body = """{"id":1,"data":{"text":"hello"}}"""u8.ToArray();
            return;
        }

        using var export = new MemoryStream();
        SyntheticExportGenerator.Write(export, 1);
        using var document = JsonDocument.Parse(export.ToArray());
        _body = JsonSerializer.SerializeToUtf8Bytes(document.RootElement[0]);
        Console.WriteLine($"// body: {_body.Length} bytes");
    }

    /// <summary>The exact reader alone (DeserializeTask before the fast path).</summary>
    /// <returns>The task.</returns>
    [Benchmark(Baseline = true)]
    public LabelStudioTask Exact() => LabelStudioJson.DeserializeTaskExact(_body);

    /// <summary>DeserializeTask as shipped: a fresh string pool per call, then the fast reader.</summary>
    /// <returns>The task.</returns>
    [Benchmark]
    public LabelStudioTask Fast() => LabelStudioJson.DeserializeTask(_body);

    /// <summary>The fast reader with one pool for every call (the export readers' case).</summary>
    /// <returns>The task.</returns>
    [Benchmark]
    public LabelStudioTask? FastReusedPool() =>
        FastTaskReader.TryRead(_body, _pool, LabelStudioJson.Options.MaxDepth, SkippedTaskMembers.None, out var task) ? task : null;
}
