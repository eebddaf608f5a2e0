using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*Config*'.
// `generate-export <tasks> <file>` writes the synthetic export the Formats benchmarks read, for measuring
// peak memory outside BenchmarkDotNet (e.g. with /usr/bin/time -v on examples/FormatsQuickstart).
if (args is ["generate-export", var count, var file])
{
    using var output = File.Create(file);
    LabelStudio.Benchmarks.Formats.SyntheticExportGenerator.Write(output, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `export-run <format> <export.json> <output folder>` runs one export through ExportRunner with the benchmark config
// and prints wall time and peak working set (run it under /usr/bin/time -v for the kernel's peak RSS).
if (args is ["export-run", var format, var input, var outputFolder])
{
    await LabelStudio.Benchmarks.Conversion.ExportRun.RunAsync(format, input, outputFolder);
    return;
}

// `read-run <export.json>` streams every task once and prints wall time, MB/s and peak working set.
if (args is ["read-run", var readInput])
{
    await LabelStudio.Benchmarks.Formats.ReadRun.RunAsync(readInput);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
