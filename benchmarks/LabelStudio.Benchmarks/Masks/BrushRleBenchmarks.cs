using BenchmarkDotNet.Attributes;
using LabelStudio.Formats.Masks;

namespace LabelStudio.Benchmarks.Masks;

/// <summary>Brush RLE on a 1920x1080 mask (goal: decode at least 100x faster than the official Python decoder).</summary>
[MemoryDiagnoser]
public class BrushRleBenchmarks
{
    private byte[] _mask = [];
    private byte[] _rle = [];
    private byte[] _alpha = [];

    [GlobalSetup]
    public void Setup()
    {
        _mask = SyntheticBrushMask.Create();
        _rle = BrushRle.EncodeMask(_mask);
        _alpha = new byte[_mask.Length];
        Console.WriteLine($"// 1920x1080 mask: {_rle.Length} RLE bytes");
    }

    /// <summary>What BRUSH_TO_PNG/NUMPY need: the alpha mask, into a new Mask.</summary>
    [Benchmark(Baseline = true)]
    public Mask DecodeMask() => BrushRle.DecodeMask(_rle, SyntheticBrushMask.Width, SyntheticBrushMask.Height);

    /// <summary>Alpha mask into a reused buffer (no allocation).</summary>
    [Benchmark]
    public void DecodeAlphaIntoBuffer() => BrushRle.DecodeAlpha(_rle, _alpha);

    /// <summary>All RGBA values (8.3 MB), as the official decode_rle returns them.</summary>
    [Benchmark]
    public byte[] DecodeRgba() => BrushRle.Decode(_rle);

    /// <summary>mask2rle: mask to Label Studio RLE.</summary>
    [Benchmark]
    public byte[] EncodeMask() => BrushRle.EncodeMask(_mask);

    /// <summary>Mask to COCO compressed RLE string.</summary>
    [Benchmark]
    public string CocoCompressed() => CocoRle.FromMask(new Mask(SyntheticBrushMask.Width, SyntheticBrushMask.Height, _mask)).ToCompressedString();

    /// <summary>Mask to polygons (external contours).</summary>
    [Benchmark]
    public int Contours() => MaskContours.FindExternal(new Mask(SyntheticBrushMask.Width, SyntheticBrushMask.Height, _mask)).Count;
}
