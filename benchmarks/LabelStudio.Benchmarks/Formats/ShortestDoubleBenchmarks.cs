using System.Globalization;
using BenchmarkDotNet.Attributes;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Benchmarks.Formats;

/// <summary>
/// Formats 1,000,000 doubles of the exporters' kind (pixel coordinates x * width / 100 from 12-digit percentages, box
/// areas, normalised YOLO centres) to UTF-8: .NET's <c>double.TryFormat(..., "R", InvariantCulture)</c> (the baseline)
/// against <see cref="ShortestDouble"/> in .NET's layout and in Python's. Goal: at least 2x faster than .NET's.
/// </summary>
[MemoryDiagnoser]
public class ShortestDoubleBenchmarks
{
    private const int Count = 1_000_000;
    private static readonly int[] Widths = [1920, 1080, 1280, 720, 640, 480, 4000, 3000];
    private readonly byte[] _buffer = new byte[64];
    private readonly char[] _chars = new char[64];
    private double[] _values = [];

    /// <summary>Generates the values with a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261128);
        _values = new double[Count];
        for (var i = 0; i < Count; i += 4)
        {
            var width = Widths[random.Next(Widths.Length)];
            var height = Widths[random.Next(Widths.Length)];
            var x = Math.Round(random.NextDouble() * 100, 12) * width / 100;
            var w = Math.Round(random.NextDouble() * 100, 12) * width / 100;
            var h = Math.Round(random.NextDouble() * 100, 12) * height / 100;
            _values[i] = x;
            _values[i + 1] = w;
            _values[i + 2] = w * h;
            _values[i + 3] = (x + (w / 2)) / width;
        }
    }

    /// <summary>.NET's round-trip formatting straight to UTF-8.</summary>
    [Benchmark(Baseline = true)]
    public int DotNetRoundTrip()
    {
        var total = 0;
        foreach (var value in _values)
        {
            value.TryFormat(_buffer, out var written, "R", CultureInfo.InvariantCulture);
            total += written;
        }

        return total;
    }

    /// <summary>The same text with <see cref="ShortestDouble.TryFormatRoundTrip(double, Span{byte}, out int)"/>.</summary>
    [Benchmark]
    public int ShortestRoundTrip()
    {
        var total = 0;
        foreach (var value in _values)
        {
            ShortestDouble.TryFormatRoundTrip(value, _buffer, out var written);
            total += written;
        }

        return total;
    }

    /// <summary>Python's repr layout with <see cref="ShortestDouble.TryFormatPython(double, Span{byte}, out int)"/>.</summary>
    [Benchmark]
    public int ShortestPython()
    {
        var total = 0;
        foreach (var value in _values)
        {
            ShortestDouble.TryFormatPython(value, _buffer, out var written);
            total += written;
        }

        return total;
    }

    /// <summary>Python's repr layout into chars (what TextWriter / StringBuilder callers use).</summary>
    [Benchmark]
    public int ShortestPythonChars()
    {
        var total = 0;
        foreach (var value in _values)
        {
            ShortestDouble.TryFormatPython(value, _chars, out var written);
            total += written;
        }

        return total;
    }
}
