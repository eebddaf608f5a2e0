using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
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
    private const int Slots = 512;
    private const int MaxBytes = 64;
    private const int NumberSlots = 64;
    private const int MaxNumberBytes = 24;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _values = new string?[Slots];
    private readonly string[]?[] _singletons = new string[Slots][];
    private readonly byte[]?[] _numberKeys = new byte[NumberSlots][];
    private readonly JsonElement[] _numbers = new JsonElement[NumberSlots];

    /// <summary>
    /// <see cref="FastTaskReader"/>'s member order predictions for the objects this thread reads: they carry over from
    /// task to task, and travel with the pool because both are one per reading thread.
    /// </summary>
    public byte[] MemberOrder { get; } = new byte[FastTaskReader.MemberOrderSlots];

    /// <summary><see cref="FastTaskReader"/>'s last strings of the members whose values repeat, for the same reason.</summary>
    public FastTaskReader.RecentStrings RecentStrings { get; } = new();

    /// <summary><see cref="FastTaskReader"/>'s buffer for the results of one annotation or prediction, for the same reason.</summary>
    public List<Models.Result> ResultBuffer { get; } = [];

    /// <summary>The string of the current <see cref="JsonTokenType.String"/> token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes)
        {
            return reader.GetString()!;
        }

        // GetString validates the UTF-8; only validated text enters the pool.
        var bytes = reader.ValueSpan;
        return Find(bytes, out var target) ?? Add(target, bytes, reader.GetString()!);
    }

    /// <summary>The string of a token's raw bytes, which the caller has checked are unescaped, valid UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        return Find(utf8, out var target) ?? Add(target, utf8, Encoding.UTF8.GetString(utf8));
    }

    // Two ways per set: the few dozen strings of an export would often share a slot in a direct-mapped table, and two
    // frequent ones sharing it would evict each other on every use. Null when absent, with the way to fill.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? Find(ReadOnlySpan<byte> bytes, out int target)
    {
        var slot = Slot(bytes);
        if (_keys[slot] is { } key && bytes.SequenceEqual(key))
        {
            target = slot;
            return _values[slot]!;
        }

        var other = slot ^ 1;
        if (_keys[other] is { } otherKey && bytes.SequenceEqual(otherKey))
        {
            target = other;
            return _values[other]!;
        }

        target = _keys[slot] is null || _keys[other] is not null ? slot : other;
        return null;
    }

    private string Add(int target, ReadOnlySpan<byte> bytes, string text)
    {
        _keys[target] = bytes.ToArray();
        _values[target] = text;
        _singletons[target] = null;
        return text;
    }

    /// <summary>
    /// A one-element array holding the string of <paramref name="utf8"/> (unescaped, valid UTF-8), the same array each
    /// time while the string stays in the pool: the label list of most regions, for readers whose consumer never
    /// changes it (<see cref="SkippedTaskMembers.ReadOnlyLabelLists"/>). Never changed by the pool once handed out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string[] GetSingletonList(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return [Encoding.UTF8.GetString(utf8)];
        }

        var text = Find(utf8, out var target);
        if (text is null)
        {
            text = Add(target, utf8, Encoding.UTF8.GetString(utf8));
        }
        else if (_singletons[target] is { } shared)
        {
            return shared;
        }

        return _singletons[target] = [text];
    }

    /// <summary>
    /// The element of a number token's raw bytes (checked by the caller against the JSON number grammar), parsed as
    /// <see cref="System.Text.Json.Nodes.JsonNode.Parse(ref Utf8JsonReader, System.Text.Json.Nodes.JsonNodeOptions?)"/>
    /// parses it. Elements are immutable, so equal numbers (the few user ids of an export) share one.
    /// </summary>
    public JsonElement GetNumber(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxNumberBytes)
        {
            return ParseNumber(utf8);
        }

        var slot = Slot(utf8) & (NumberSlots - 1);
        if (_numberKeys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return _numbers[slot];
        }

        var element = ParseNumber(utf8);
        _numberKeys[slot] = utf8.ToArray();
        _numbers[slot] = element;
        return element;
    }

    private static JsonElement ParseNumber(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        return JsonElement.ParseValue(ref reader);
    }

    // The length and the first and last (up to) eight bytes, mixed: a few loads instead of a loop over every byte. Two
    // names that differ only in their middle share a slot and evict each other, which costs a transcode, never a wrong
    // string (the key is compared in full).
    private static int Slot(ReadOnlySpan<byte> bytes)
    {
        ulong head, tail;
        if (bytes.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
        }
        else
        {
            head = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                head = (head << 8) | bytes[i];
            }

            tail = 0;
        }

        var hash = ((head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL)) + (ulong)bytes.Length;
        return (int)((hash ^ (hash >> 29)) >> 32) & (Slots - 1);
    }
}
