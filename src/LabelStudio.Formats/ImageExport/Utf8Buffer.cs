using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// A growable UTF-8 output buffer for the exporters' hand-rolled writers: <see cref="ArrayBufferWriter{T}"/>'s
/// members, with inlined fast paths (checked against the remaining room once per reservation) and single-byte
/// writes. <see cref="ArrayBufferWriter{T}"/> validated and possibly resized on every call, which cost more than
/// the formatting in the COCO writer's profile.
/// </summary>
internal sealed class Utf8Buffer(int initialCapacity = 1 << 12) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[Math.Max(16, initialCapacity)];
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void ResetWrittenCount() => _written = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_written);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(byte value)
    {
        if (_written == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_written++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Writes an integer in decimal.</summary>
    public void WriteInt(long value) => _written += FormatInt(value, GetSpan(20));

    /// <summary>Formats an integer in decimal into <paramref name="destination"/> (at least 20 bytes); returns the length.</summary>
    public static int FormatInt(long value, Span<byte> destination)
    {
        // Ids and category ids: below 10^17 through the doubles' digit writer, which is cheaper than the general
        // formatter's culture-aware path.
        if ((ulong)value < 100_000_000_000_000_000UL)
        {
            return Serialization.ShortestDouble.WriteInteger((ulong)value, destination);
        }

        value.TryFormat(destination, out var length, default, CultureInfo.InvariantCulture);
        return length;
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="value"/> (indentation).</summary>
    public void Fill(byte value, int count)
    {
        GetSpan(count)[..count].Fill(value);
        _written += count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        var needed = (long)_written + Math.Max(sizeHint, 1);
        var size = Math.Max(needed, (long)_buffer.Length * 2);
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength ? Array.MaxLength : throw new InvalidOperationException("The output buffer cannot grow beyond the largest array (2 GB).");
        }

        Array.Resize(ref _buffer, (int)size);
    }
}
