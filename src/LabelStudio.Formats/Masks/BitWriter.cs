namespace LabelStudio.Formats.Masks;

/// <summary>Big-endian bit writer (MSB first) into a growing array.</summary>
internal struct BitWriter
{
    private byte[] _bytes;
    private int _length;
    private ulong _buffer;
    private int _pending;

    public BitWriter(int capacity)
    {
        _bytes = new byte[Math.Max(capacity, 16)];
    }

    public readonly long BitLength => ((long)_length * 8) + _pending;

    /// <summary>Appends the low <paramref name="count"/> bits (1..32) of <paramref name="value"/>.</summary>
    public void Write(uint value, int count)
    {
        _buffer = (_buffer << count) | (value & (uint)((1UL << count) - 1));
        _pending += count;
        while (_pending >= 8)
        {
            _pending -= 8;
            Append((byte)(_buffer >> _pending));
        }
    }

    /// <summary>Completes the last byte with zero bits and returns the bytes.</summary>
    public byte[] ToArray()
    {
        if (_pending > 0)
        {
            Write(0, 8 - _pending);
        }

        return _bytes.AsSpan(0, _length).ToArray();
    }

    private void Append(byte value)
    {
        if (_length == _bytes.Length)
        {
            System.Array.Resize(ref _bytes, checked(_bytes.Length * 2));
        }

        _bytes[_length++] = value;
    }
}
