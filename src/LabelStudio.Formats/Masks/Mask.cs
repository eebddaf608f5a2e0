namespace LabelStudio.Formats.Masks;

/// <summary>
/// A single-channel 8-bit image (row-major, <c>Width</c> bytes per row): the layout Label Studio's
/// brush exports produce (the alpha channel of the decoded RGBA buffer, 0 = background).
/// </summary>
/// <remarks>The pixels are held, not copied: a mask built over an array shares it with the caller.</remarks>
public sealed class Mask
{
    private readonly byte[] _pixels;

    /// <summary>Creates an all-zero mask.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the mask would exceed <see cref="Array.MaxLength"/> pixels.</exception>
    public Mask(int width, int height)
    {
        _pixels = new byte[CheckedLength(width, height)];
        Width = width;
        Height = height;
    }

    /// <summary>Wraps existing pixels (row-major, length <paramref name="width"/> x <paramref name="height"/>) without copying them.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="pixels">The pixels; the mask shares this array.</param>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold exactly width x height bytes.</exception>
    public Mask(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var length = CheckedLength(width, height);
        if (pixels.Length != length)
        {
            throw new ArgumentException($"A {width}x{height} mask needs {length} bytes, got {pixels.Length}.", nameof(pixels));
        }

        _pixels = pixels;
        Width = width;
        Height = height;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row-major (index = y x <see cref="Width"/> + x).</summary>
    public Span<byte> Pixels => _pixels;

    /// <summary>The pixels as memory, for APIs that keep a reference.</summary>
    public Memory<byte> Memory => _pixels;

    /// <summary>Gets or sets the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    /// <param name="x">Column, 0-based.</param>
    /// <param name="y">Row, 0-based.</param>
    public byte this[int x, int y]
    {
        get
        {
            CheckPoint(x, y);
            return _pixels[(y * Width) + x];
        }

        set
        {
            CheckPoint(x, y);
            _pixels[(y * Width) + x] = value;
        }
    }

    /// <summary>Number of non-zero pixels (the mask's area in pixels).</summary>
    public long CountNonZero()
    {
        // Count (vectorised) what is zero: the rest is foreground.
        return _pixels.Length - (long)_pixels.AsSpan().Count((byte)0);
    }

    /// <summary>True when both masks have the same size and pixels.</summary>
    /// <param name="other">The mask to compare with.</param>
    public bool ContentEquals(Mask other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Width == Width && other.Height == Height && other._pixels.AsSpan().SequenceEqual(_pixels);
    }

    internal byte[] Array => _pixels;

    internal static int CheckedLength(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var length = (long)width * height;
        if (length > System.Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} mask exceeds the largest array .NET can allocate.");
        }

        return (int)length;
    }

    private void CheckPoint(int x, int y)
    {
        if ((uint)x >= (uint)Width)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, $"Column must be in [0, {Width}).");
        }

        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"Row must be in [0, {Height}).");
        }
    }
}
