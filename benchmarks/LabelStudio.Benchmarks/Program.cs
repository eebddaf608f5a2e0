using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*Config*'.
// `generate-export <tasks> <file>` writes the synthetic export the Formats benchmarks read, for measuring
// peak memory outside BenchmarkDotNet (e.g. with /usr/bin/time -v on examples/FormatsQuickstart).
// `config-cpu [rounds]` measures CPU time per config parse on both paths and the readers alone; `config-loop <n> [fast|reference]`
// parses the 10,000-label config n times for perf (see Config/ConfigCpuTime.cs).
if (args is ["generate-export", var count, var file])
{
    using var output = File.Create(file);
    LabelStudio.Benchmarks.Formats.SyntheticExportGenerator.Write(output, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["config-loop", var loops, .. var loopPath])
{
    LabelStudio.Benchmarks.Config.ConfigCpuTime.Loop(int.Parse(loops, System.Globalization.CultureInfo.InvariantCulture), loopPath is ["reference"]);
    return;
}

if (args is ["config-cpu", .. var rest])
{
    LabelStudio.Benchmarks.Config.ConfigCpuTime.Run(rest is [var rounds] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 20, Console.Out);
    return;
}

// `client-paging [tasks]` pages a synthetic project from a loopback server once per style and page size, printing
// throughput, allocations per JSON byte and peak heap (see Client/PagingProbe.cs).
if (args is ["client-paging", ..])
{
    await LabelStudio.Benchmarks.Client.PagingProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
    return;
}

// `mlbackend-load <case> [seconds] [connections]`: a timed run like wrk (req/s, p50/p99/max) without BenchmarkDotNet.
// `mlbackend-serve <case> <port>`: only the server, for an external load generator (prints the body to send).
if (args is ["mlbackend-load", var loadCase, .. var loadArgs])
{
    await LabelStudio.Benchmarks.MlBackend.LoadRunner.RunAsync(loadCase, loadArgs);
    return;
}

if (args is ["mlbackend-serve", var serveCase, var port])
{
    await LabelStudio.Benchmarks.MlBackend.LoadRunner.ServeAsync(serveCase, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `export-run <format> <export.json> <output folder>` runs one export through ExportRunner with the benchmark config
// and prints wall time and peak working set (run it under /usr/bin/time -v for the kernel's peak RSS).
if (args is ["export-run", var format, var input, var outputFolder])
{
    // LABELSTUDIO_BENCH_REPEAT=N runs the export N times in one process (outputs <folder>, <folder>-1, ...): the later runs
    // show the steady state once the JIT has finished, the first one what a user's single conversion costs.
    // LABELSTUDIO_BENCH_ALLOCS=1 samples the allocations (GCAllocationTick events) and prints the top 30 types at the end.
    var repeat = int.Parse(Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_REPEAT") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
    using var exportSampler = LabelStudio.Benchmarks.AllocationSampler.StartIfRequested();
    for (var run = 0; run < repeat; run++)
    {
        await LabelStudio.Benchmarks.Conversion.ExportRun.RunAsync(format, input, run == 0 ? outputFolder : $"{outputFolder}-{run}");
    }

    exportSampler?.Report(Console.Out);
    return;
}

// `read-run <export.json> [parallelism]` streams every task once and prints wall time, MB/s and peak working set.
if (args is ["read-run", var readInput, ..] && args.Length <= 3)
{
    using var readSampler = LabelStudio.Benchmarks.AllocationSampler.StartIfRequested();
    await LabelStudio.Benchmarks.Formats.ReadRun.RunAsync(readInput, args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null);
    readSampler?.Report(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LabelStudio.Benchmarks.MlBackend.PredictBenchmarks).Assembly).Run(args);
