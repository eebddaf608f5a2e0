using System.Diagnostics;
using System.Globalization;

namespace LabelStudio.Benchmarks.MlBackend;

/// <summary>The wrk-like command-line modes of the ML backend benchmark.</summary>
internal static class LoadRunner
{
    public static async Task RunAsync(string caseName, string[] rest)
    {
        var predictCase = Enum.Parse<PredictCase>(caseName, ignoreCase: true);
        var seconds = rest.Length > 0 ? double.Parse(rest[0], CultureInfo.InvariantCulture) : 10;
        var connections = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 16;
        await using var load = await PredictLoad.StartAsync(predictCase, connections);

        // A short warm-up (JIT, tiered compilation, connection pool), then the measured run.
        await load.RunForAsync(connections, TimeSpan.FromSeconds(2));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var latencies = (await load.RunForAsync(connections, TimeSpan.FromSeconds(seconds))).ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{predictCase}: {connections} connections, {elapsed:0.0} s, {latencies.Length:N0} requests, {latencies.Length / elapsed:N0} req/s, " +
            $"p50 {PredictLoad.PercentileMs(latencies, 50):0.00} ms, p90 {PredictLoad.PercentileMs(latencies, 90):0.00} ms, " +
            $"p99 {PredictLoad.PercentileMs(latencies, 99):0.00} ms, max {PredictLoad.PercentileMs(latencies, 100):0.00} ms, " +
            $"{allocated / Math.Max(1, latencies.Length) / 1024.0:0.0} KB allocated per request (client and server)"));
    }

    public static async Task ServeAsync(string caseName, int port)
    {
        var predictCase = Enum.Parse<PredictCase>(caseName, ignoreCase: true);
        await using var load = await PredictLoad.StartAsync(predictCase, 1, port);
        var bodyFile = Path.Combine(Path.GetTempPath(), $"labelstudio-bench-predict-{predictCase}.json");
        await File.WriteAllTextAsync(bodyFile, load.Body);
        Console.WriteLine($"listening on {load.Address}predict; body in {bodyFile}; Enter stops");
        await Console.In.ReadLineAsync();
    }
}
