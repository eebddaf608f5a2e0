using System.Globalization;
using LabelStudio.Config;
using LabelStudio.Config.Parsing;

namespace LabelStudio.Benchmarks.Config;

/// <summary>
/// `config-cpu [rounds]`: process CPU time per operation for the 10,000-label config — System.Xml's reader alone (the
/// fast path's floor), LabelConfig.Parse (fast path), AngleSharp's DOM alone and the reference (AngleSharp) path — and
/// for a template on average on both paths, measured in interleaved batches so that all see the same machine load. On
/// the shared 2-core machine wall-clock means (BenchmarkDotNet) swing by several times with the other builds; CPU time
/// swings far less. GC work is included (workstation GC runs it on the allocating thread; background GC threads count too).
/// `config-loop COUNT [fast|reference]`: parses the 10,000-label config in a loop, for perf profiles.
/// </summary>
internal static class ConfigCpuTime
{
    private const int Batch = 6;

    public static void Loop(int count, bool reference)
    {
        var config = ConfigBenchmarks.BuildTenThousandLabels();
        var path = reference ? ConfigParserPath.ReferenceOnly : ConfigParserPath.FastOnly;
        var labels = 0;
        for (var i = 0; i < count; i++)
        {
            labels += ConfigParser.Parse(config, null, path).Config!.GetControl("label").Labels.Count;
        }

        Console.WriteLine(labels);
    }

    public static void Run(int rounds, TextWriter output)
    {
        var config = ConfigBenchmarks.BuildTenThousandLabels();
        var templates = ConfigBenchmarks.ReadTemplates();
        var created = 0;
        for (var i = 0; i < 3; i++)
        {
            ConfigBenchmarks.CreateConfiguredParser((_, _) => created++).ParseDocument(config);
            ConfigBenchmarks.ReadAllWithXmlReader(config);
            LabelConfig.Parse(config);
            ConfigParser.Parse(config, null, ConfigParserPath.ReferenceOnly);
        }

        var rows = new (string Name, Action Operation, int Count)[]
        {
            ("System.Xml reader alone, 10,000 labels", () => ConfigBenchmarks.ReadAllWithXmlReader(config), Batch),
            ("LabelConfig.Parse, 10,000 labels", () => LabelConfig.Parse(config), Batch),
            ("AngleSharp DOM alone, 10,000 labels", () => ConfigBenchmarks.CreateConfiguredParser((_, _) => created++).ParseDocument(config), Batch),
            ("reference path, 10,000 labels", () => ConfigParser.Parse(config, null, ConfigParserPath.ReferenceOnly), Batch),
            ("LabelConfig.Parse, template average", () => Array.ForEach(templates, t => LabelConfig.Parse(t)), 1),
            ("reference path, template average", () => Array.ForEach(templates, t => ConfigParser.Parse(t, null, ConfigParserPath.ReferenceOnly)), 1),
        };
        var samples = rows.Select(_ => new List<double>()).ToArray();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        for (var round = 0; round < rounds; round++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var start = CpuMilliseconds();
                for (var i = 0; i < rows[r].Count; i++)
                {
                    rows[r].Operation();
                }

                var perOperation = (CpuMilliseconds() - start) / rows[r].Count;
                samples[r].Add(rows[r].Count == 1 ? perOperation / templates.Length : perOperation);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU ms per operation, median (25th percentile) of {rounds} rounds; load average {LoadAverage()}"));
        for (var r = 0; r < rows.Length; r++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rows[r].Name,-42} {Median(samples[r]),8:F3} ({Quartile(samples[r]):F3})"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  collections: gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}; GC latency mode {System.Runtime.GCSettings.LatencyMode} (Interactive = background GC on)"));
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
