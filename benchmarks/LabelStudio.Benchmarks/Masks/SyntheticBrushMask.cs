namespace LabelStudio.Benchmarks.Masks;

/// <summary>
/// A deterministic 1920x1080 brush mask: filled discs (large brush areas) plus a band of scattered
/// pixels (short runs, the expensive case for RLE). Integer rules only, so python_reference_decoder.py
/// builds the identical mask.
/// </summary>
internal static class SyntheticBrushMask
{
    public const int Width = 1920;
    public const int Height = 1080;

    private static readonly (int X, int Y, int R)[] Discs =
    [
        (400, 300, 220), (900, 600, 300), (1500, 350, 180), (1650, 800, 240), (250, 850, 150),
    ];

    public static byte[] Create()
    {
        var pixels = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var on = false;
                foreach (var (cx, cy, r) in Discs)
                {
                    var dx = x - cx;
                    var dy = y - cy;
                    if ((dx * dx) + (dy * dy) <= r * r)
                    {
                        on = true;
                        break;
                    }
                }

                // A ragged band: scattered single pixels and short runs.
                if (y is >= 100 and < 160 && ((x * 7) + (y * 13)) % 29 < 3)
                {
                    on = !on;
                }

                pixels[(y * Width) + x] = on ? (byte)255 : (byte)0;
            }
        }

        return pixels;
    }
}
