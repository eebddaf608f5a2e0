using System.Globalization;
using LabelStudio.Config;

namespace LabelStudio.Benchmarks.Config;

/// <summary>
/// `config-cpu [rounds]`: process CPU time per operation for AngleSharp's DOM alone, LabelConfig.Parse of the
/// 10,000-label config, and a template on average, measured in interleaved batches so that all three see the same
/// machine load. On the shared 2-core machine wall-clock means (BenchmarkDotNet) swing by several times with the
/// other builds; CPU time swings far less, and the parse/DOM ratio of one run is comparable across runs.
/// GC work is included (workstation GC runs it on the allocating thread; background GC threads count too).
/// </summary>
internal static class ConfigCpuTime
{
    private const int Batch = 6;

    public static void Run(int rounds, TextWriter output)
    {
        var config = ConfigBenchmarks.BuildTenThousandLabels();
        var templates = ConfigBenchmarks.ReadTemplates();
        var created = 0;
        for (var i = 0; i < 3; i++)
        {
            ConfigBenchmarks.CreateConfiguredParser((_, _) => created++).ParseDocument(config);
            LabelConfig.Parse(config);
        }

        var dom = new List<double>();
        var parse = new List<double>();
        var template = new List<double>();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        for (var round = 0; round < rounds; round++)
        {
            var t0 = CpuMilliseconds();
            for (var i = 0; i < Batch; i++)
            {
                ConfigBenchmarks.CreateConfiguredParser((_, _) => created++).ParseDocument(config);
            }

            var t1 = CpuMilliseconds();
            for (var i = 0; i < Batch; i++)
            {
                LabelConfig.Parse(config);
            }

            var t2 = CpuMilliseconds();
            foreach (var text in templates)
            {
                LabelConfig.Parse(text);
            }

            var t3 = CpuMilliseconds();
            dom.Add((t1 - t0) / Batch);
            parse.Add((t2 - t1) / Batch);
            template.Add((t3 - t2) / templates.Length);
        }

        var operations = rounds * ((2 * Batch) + templates.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU ms per operation, median (25th percentile) of {rounds} rounds; load average {LoadAverage()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  AngleSharp DOM alone (as configured): {Median(dom):F2} ({Quartile(dom):F2})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  LabelConfig.Parse, 10,000 labels:     {Median(parse):F2} ({Quartile(parse):F2})   = {Median(parse) / Median(dom):F2} x DOM"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  LabelConfig.Parse, template average:  {Median(template):F3} ({Quartile(template):F3})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  collections over all {operations} operations: gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}; GC latency mode {System.Runtime.GCSettings.LatencyMode} (Interactive = background GC on)"));
    }

    private static double CpuMilliseconds() => Environment.CpuUsage.TotalTime.TotalMilliseconds;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double Quartile(List<double> values) => values.Order().ElementAt(values.Count / 4);

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}
