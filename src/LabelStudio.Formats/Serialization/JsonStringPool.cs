using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Shares the strings an export repeats thousands of times (control names, labels, origins) within one read: a
/// direct-mapped cache keyed on the UTF-8 bytes, so a repeated name costs a compare instead of a transcode and an
/// allocation. Used only for members known to repeat; unique ones (region ids) would just evict the useful entries.
/// One pool per reader, never shared between threads.
/// </summary>
internal sealed class JsonStringPool
{
    private const int Slots = 256;
    private const int MaxBytes = 64;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string?[Slots];

    /// <summary>The string of the current <see cref="JsonTokenType.String"/> token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
        {
            return reader.GetString()!;
        }

        var bytes = reader.ValueSpan;
        var hash = (uint)bytes.Length * 0x9E3779B1u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var slot = (int)((hash ^ (hash >> 15)) & (Slots - 1));
        if (_keys[slot] is { } key && bytes.SequenceEqual(key))
        {
            return _values[slot]!;
        }

        // GetString validates the UTF-8; only validated text enters the pool.
        var text = reader.GetString()!;
        _keys[slot] = bytes.ToArray();
        _values[slot] = text;
        return text;
    }
}
