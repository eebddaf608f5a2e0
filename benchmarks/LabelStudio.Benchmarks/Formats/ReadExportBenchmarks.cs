using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>
/// Reads a synthetic JSON export (reference/formats.md §13 profile) with the streaming reader, touching every
/// result. Goal: at least 200 MB/s, with allocations per task constant (memory flat as the export grows).
/// The export is generated once per size into the temp folder (about 560 MB for 100 000 tasks).
/// </summary>
[MemoryDiagnoser]
public class ReadExportBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Number of tasks in the export.</summary>
    [Params(10_000, 100_000)]
    public int Tasks { get; set; }

    /// <summary>Generates the export if it is not there yet.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"labelstudio-bench-export-{Tasks}.json");
        if (!File.Exists(_path))
        {
            var temporary = _path + ".tmp";
            using (var stream = File.Create(temporary))
            {
                SyntheticExportGenerator.Write(stream, Tasks);
            }

            File.Move(temporary, _path, overwrite: true);
        }

        Console.WriteLine($"// export: {Tasks} tasks, {new FileInfo(_path).Length / 1e6:F1} MB");
    }

    /// <summary>
    /// Baseline: only tokenizes the file with <see cref="Utf8JsonReader"/> (no objects), the ceiling for any
    /// System.Text.Json reader on this machine.
    /// </summary>
    /// <returns>The number of tokens.</returns>
    [Benchmark(Baseline = true)]
    public long TokenizeOnly()
    {
        long tokens = 0;
        var buffer = new byte[1 << 18];
        var state = new JsonReaderState();
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var kept = 0;
        while (true)
        {
            var read = stream.Read(buffer, kept, buffer.Length - kept);
            var length = kept + read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), read == 0, state);
            while (reader.Read())
            {
                tokens++;
            }

            if (read == 0)
            {
                return tokens;
            }

            state = reader.CurrentState;
            kept = length - (int)reader.BytesConsumed;
            buffer.AsSpan((int)reader.BytesConsumed, kept).CopyTo(buffer);
        }
    }

    /// <summary>Streams every task and counts its results, deserializing on as many threads as there are cores.</summary>
    /// <returns>The number of results, so the work is not optimised away.</returns>
    [Benchmark]
    public Task<long> ReadTasksAsync() => ReadAsync(null);

    /// <summary>The same read with every task deserialized on the caller's thread.</summary>
    /// <returns>The number of results.</returns>
    [Benchmark]
    public Task<long> ReadTasksSequentialAsync() => ReadAsync(1);

    /// <summary>The sequential read with the tokenizer-based task reader only (FastTaskReader off): what the fast path saves.</summary>
    /// <returns>The number of results.</returns>
    [Benchmark]
    public Task<long> ReadTasksSequentialExactReaderAsync() => ReadAsync(1, exact: true);

    private async Task<long> ReadAsync(int? parallelism, bool exact = false)
    {
        long results = 0;
        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism, DisableFastTaskReader = exact }).ConfigureAwait(false))
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
