using System.Runtime.CompilerServices;

namespace LabelStudio.Formats.Masks;

/// <summary>Big-endian bit reader over a byte span (MSB first), the bit order of @thi.ng/rle-pack.</summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;
    private ulong _buffer;
    private int _available;

    public BitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bits consumed so far.</summary>
    public readonly long BitPosition => ((long)_next * 8) - _available;

    /// <summary>Reads <paramref name="count"/> bits (1..32) as an unsigned number; throws when the data ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read(int count, string what)
    {
        if (_available < count)
        {
            Refill();
            if (_available < count)
            {
                ThrowTruncated(count, what);
            }
        }

        var value = (uint)(_buffer >> (64 - count));
        _buffer <<= count;
        _available -= count;
        return value;
    }

    private void Refill()
    {
        while (_available <= 56 && _next < _data.Length)
        {
            _buffer |= (ulong)_data[_next++] << (56 - _available);
            _available += 8;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int count, string what)
    {
        var bit = BitPosition;
        throw new RleFormatException(
            $"Brush RLE ends inside {what} at byte {bit / 8} (bit {bit}): {count} bits needed, {_available} left in {_data.Length} bytes.",
            bit / 8,
            bit);
    }
}
