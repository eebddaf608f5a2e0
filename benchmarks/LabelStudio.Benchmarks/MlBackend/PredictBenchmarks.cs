using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LabelStudio.Benchmarks.MlBackend;

/// <summary>
/// Issue 7 item 9: <c>POST /predict</c> with one task at 16 concurrent connections over loopback, goal ≥ 14k req/s
/// (10x the official Python backend's 1.1-1.4k) and p99 ≤ 5 ms. One operation = <see cref="Requests"/> requests; the
/// <c>req/s</c> column is Requests / mean time, <c>p99</c> comes from every request's own Stopwatch latency. Client and
/// server share the machine's cores.
/// </summary>
[Config(typeof(LoadColumns))]
[MemoryDiagnoser]
public class PredictBenchmarks
{
    /// <summary>Requests per operation.</summary>
    public const int Requests = 4000;

    /// <summary>Concurrent connections (and workers).</summary>
    public const int Connections = 16;

    private static readonly ConcurrentDictionary<string, List<long>> Latencies = new(StringComparer.Ordinal);
    private readonly long[] _latencies = new long[Requests];
    private PredictLoad _load = null!;

    /// <summary>The server and payload.</summary>
    [Params(PredictCase.FirstChoice, PredictCase.ServeChoices, PredictCase.ServeSubstring)]
    public PredictCase Case { get; set; }

    /// <summary>Starts the server and warms the connections.</summary>
    [GlobalSetup]
    public async Task SetupAsync() => _load = await PredictLoad.StartAsync(Case, Connections).ConfigureAwait(false);

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _load.DisposeAsync().ConfigureAwait(false);

    /// <summary>4,000 requests from 16 connections.</summary>
    /// <returns>A task.</returns>
    [Benchmark]
    public async Task Predict16Connections()
    {
        await _load.RunAsync(Connections, Requests, _latencies).ConfigureAwait(false);
        var all = Latencies.GetOrAdd(Case.ToString(), _ => []);
        lock (all)
        {
            all.AddRange(_latencies);
        }
    }

    private sealed class LoadColumns : ManualConfig
    {
        public LoadColumns()
        {
            AddColumn(new LoadColumn("req/s", (summary, benchmark) =>
            {
                var mean = summary[benchmark]?.ResultStatistics?.Mean;
                return mean is > 0 ? (Requests / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
            }));
            AddColumn(new LoadColumn("p50 ms", (_, benchmark) => Percentile(benchmark, 50)));
            AddColumn(new LoadColumn("p99 ms", (_, benchmark) => Percentile(benchmark, 99)));
        }

        private static string Percentile(BenchmarkCase benchmark, double percentile)
        {
            var key = benchmark.Parameters["Case"]?.ToString() ?? string.Empty;
            if (!Latencies.TryGetValue(key, out var all) || all.Count == 0)
            {
                return "-";
            }

            long[] copy;
            lock (all)
            {
                copy = [.. all];
            }

            return PredictLoad.PercentileMs(copy, percentile).ToString("0.00", CultureInfo.InvariantCulture);
        }
    }

    private sealed class LoadColumn(string name, Func<Summary, BenchmarkCase, string> value) : IColumn
    {
        public string Id => "MlBackend." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name == "req/s" ? "Requests per second (Requests / mean)" : $"Latency {name} over every request of every iteration (in-process runs only)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
