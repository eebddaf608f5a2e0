using BenchmarkDotNet.Attributes;
using LabelStudio.Benchmarks.Formats;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Benchmarks.Conversion;

/// <summary>
/// Issue 5 item 8: CSV export of the synthetic export (reference/formats.md §13 profile; about 560 MB for
/// 100 000 tasks) through <see cref="ExportRunner"/>, config included. Goal: at least 20x faster than the official
/// converter's 51.0 s for 100k tasks on 2 cores (so at most 2.5 s), peak memory at most 150 MB.
/// </summary>
[MemoryDiagnoser]
public class CsvExportBenchmarks
{
    private const string ConfigXml = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="car"/><Label value="person"/></RectangleLabels>
          <KeyPointLabels name="kp" toName="image"><Label value="point"/></KeyPointLabels>
          <PolygonLabels name="poly" toName="image"><Label value="road"/></PolygonLabels>
          <Choices name="scene" toName="image"><Choice value="day"/><Choice value="night"/></Choices>
        </View>
        """;

    private string _path = string.Empty;
    private string _output = string.Empty;
    private LabelConfig _config = null!;

    /// <summary>Number of tasks in the export.</summary>
    [Params(10_000, 100_000)]
    public int Tasks { get; set; }

    /// <summary>Generates the export if it is not there yet (shared with the read benchmark).</summary>
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

        _config = LabelConfig.Parse(ConfigXml);
        _output = Path.Combine(Path.GetTempPath(), $"labelstudio-bench-csv-{Guid.NewGuid():N}");
    }

    /// <summary>Removes the output.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    /// <summary>One CSV export of the whole file.</summary>
    /// <returns>The number of rows written.</returns>
    [Benchmark]
    public async Task<long> ExportCsvAsync()
    {
        await using var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var report = await new ExportRunner().RunAsync(input, ExportFormat.Csv, _output, new ExportRunOptions { Config = _config }).ConfigureAwait(false);
        return report.ItemsWritten;
    }
}
