using BenchmarkDotNet.Attributes;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>
/// The numbers the COCO and YOLO exports write, per value: COCO boxes (x, y, w, h scaled from 12-decimal percentages
/// as <c>x * width / 100</c>, then the area w * h: 16-17 significant digits, which the 15-digit fast path misses) and
/// YOLO centres and sizes (<c>(x + w / 2) / 100</c>, <c>w / 100</c>). <c>PythonFloats</c> formats them one by one with
/// <see cref="ShortestDouble.TryFormatPython(double, Span{byte}, out int)"/>; <c>CocoBoxes</c> writes whole boxes
/// through <see cref="CocoPartLayout.TextThenFloat"/> into a <see cref="Utf8Buffer"/> as the COCO writer does;
/// <c>YoloLines</c> writes YOLO lines' numbers through <see cref="PythonFloat.Write(Utf8Buffer, double)"/>.
/// Times are per value (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class CocoNumberBenchmarks
{
    private const int Boxes = 200_000;
    private const int CocoValues = Boxes * 5;
    private const int YoloValues = Boxes * 4;
    private static readonly int[] Sizes = [1920, 1080, 1280, 720, 640, 480, 4000, 3000];
    private readonly byte[] _buffer = new byte[64];
    private readonly Utf8Buffer _output = new(1 << 16);
    private double[] _coco = [];
    private double[] _yolo = [];

    /// <summary>Generates the boxes with a fixed seed, as the synthetic export does (percentages rounded to 12 decimals).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261128);
        _coco = new double[CocoValues];
        _yolo = new double[YoloValues];
        for (var i = 0; i < Boxes; i++)
        {
            var width = Sizes[random.Next(Sizes.Length)];
            var height = Sizes[random.Next(Sizes.Length)];
            var x = Math.Round(random.NextDouble() * 80, 12);
            var y = Math.Round(random.NextDouble() * 80, 12);
            var w = Math.Round((random.NextDouble() * (100 - x) * 0.5) + 1, 12);
            var h = Math.Round((random.NextDouble() * (100 - y) * 0.5) + 1, 12);
            var pixelWidth = w * width / 100;
            var pixelHeight = h * height / 100;
            _coco[5 * i] = x * width / 100;
            _coco[(5 * i) + 1] = y * height / 100;
            _coco[(5 * i) + 2] = pixelWidth;
            _coco[(5 * i) + 3] = pixelHeight;
            _coco[(5 * i) + 4] = pixelWidth * pixelHeight;
            _yolo[4 * i] = (x + (w / 2)) / 100;
            _yolo[(4 * i) + 1] = (y + (h / 2)) / 100;
            _yolo[(4 * i) + 2] = w / 100;
            _yolo[(4 * i) + 3] = h / 100;
        }
    }

    /// <summary>Each COCO number alone through <see cref="ShortestDouble.TryFormatPython(double, Span{byte}, out int)"/>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CocoValues)]
    public int PythonFloats()
    {
        var total = 0;
        foreach (var value in _coco)
        {
            ShortestDouble.TryFormatPython(value, _buffer, out var written);
            total += written;
        }

        return total;
    }

    /// <summary>Whole COCO boxes with their separators and area, as the COCO writer lays them out.</summary>
    [Benchmark(OperationsPerInvoke = CocoValues)]
    public int CocoBoxes()
    {
        var output = _output;
        var values = _coco;
        var total = 0;
        for (var i = 0; i < values.Length; i += 5)
        {
            if (output.WrittenCount > 60_000)
            {
                total += output.WrittenCount;
                output.ResetWrittenCount();
            }

            CocoPartLayout.TextThenFloat(output, CocoPartLayout.RectangleBoxStart, values[i]);
            CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, values[i + 1]);
            CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, values[i + 2]);
            CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, values[i + 3]);
            CocoPartLayout.TextThenFloat(output, CocoPartLayout.BoxEndThenArea, values[i + 4]);
        }

        return total + output.WrittenCount;
    }

    /// <summary>YOLO lines' four numbers, space-separated, as the YOLO writer writes them.</summary>
    [Benchmark(OperationsPerInvoke = YoloValues)]
    public int YoloLines()
    {
        var output = _output;
        var values = _yolo;
        var total = 0;
        for (var i = 0; i < values.Length; i += 4)
        {
            if (output.WrittenCount > 60_000)
            {
                total += output.WrittenCount;
                output.ResetWrittenCount();
            }

            output.Put((byte)'0');
            for (var j = 0; j < 4; j++)
            {
                output.Put((byte)' ');
                PythonFloat.Write(output, values[i + j]);
            }

            output.Put((byte)'\n');
        }

        return total + output.WrittenCount;
    }
}
