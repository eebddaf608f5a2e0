using BenchmarkDotNet.Attributes;
using LabelStudio.Benchmarks.Formats;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Benchmarks.Conversion;

/// <summary>
/// Issue 5 item 8: CSV, COCO and YOLO exports of the synthetic export (reference/formats.md §13 profile; about
/// 600 MB for 100 000 tasks) through <see cref="ExportRunner"/>, config included. Goals for 100k tasks on 2 cores,
/// against the official converter (§13: COCO 57.6 s, YOLO 51.0 s, CSV 60.1 s): COCO and CSV at least 20x faster,
/// YOLO at least 10x, peak memory at most 150 MB. Peak memory is measured outside BenchmarkDotNet with
/// <c>export-run</c> (see benchmarks/README.md).
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    // The labels of SyntheticExportGenerator, so every region is exported (keypoints with model_index: COCO and the
    // YOLO pose layout need one).
    internal const string ConfigXml = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Car"/><Label value="Person"/><Label value="Bicycle"/><Label value="Traffic Light"/><Label value="Truck"/><Label value="Bus"/>
          </RectangleLabels>
          <KeyPointLabels name="kp" toName="image">
            <Label value="Head" model_index="0"/><Label value="Wheel" model_index="1"/><Label value="Lamp" model_index="2"/>
          </KeyPointLabels>
          <PolygonLabels name="poly" toName="image">
            <Label value="Road"/><Label value="Sidewalk"/><Label value="Building"/><Label value="Vegetation"/>
          </PolygonLabels>
          <Choices name="scene" toName="image"><Choice value="Urban"/><Choice value="Highway"/><Choice value="Rural"/><Choice value="Indoor"/></Choices>
        </View>
        """;

    private string _path = string.Empty;
    private string _output = string.Empty;
    private LabelConfig _config = null!;

    /// <summary>Number of tasks in the export.</summary>
    [Params(10_000, 100_000)]
    public int Tasks { get; set; }

    /// <summary>The export format.</summary>
    [Params("CSV", "COCO", "YOLO")]
    public string Format { get; set; } = "CSV";

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
        _output = Path.Combine(Path.GetTempPath(), $"labelstudio-bench-{Format}-{Guid.NewGuid():N}");
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

    /// <summary>One export of the whole file into an empty output folder.</summary>
    /// <returns>The number of items written.</returns>
    [Benchmark]
    public async Task<long> ExportAsync()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        await using var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var report = await new ExportRunner().RunAsync(input, new ExportFormat(Format), _output, new ExportRunOptions { Config = _config }).ConfigureAwait(false);
        return report.ItemsWritten;
    }
}
