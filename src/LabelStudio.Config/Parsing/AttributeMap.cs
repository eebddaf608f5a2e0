using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// A tag's attributes: a handful of pairs searched linearly, ignoring case. Elements carry two or three attributes
/// as a rule, so a flat array beats a hash table in time and memory (it matters for 10,000-label configs). Tags keep
/// the bare array and create this view only when <see cref="ConfigTag.Attributes"/> is read.
/// </summary>
internal sealed class AttributeMap : IReadOnlyDictionary<string, string>
{
    public static readonly AttributeMap Empty = new([]);

    private readonly KeyValuePair<string, string>[] _items;
    private readonly int _count;

    public AttributeMap(KeyValuePair<string, string>[] items)
    {
        _items = items;
        _count = items.Length;
    }

    /// <summary>The value of the first attribute named <paramref name="key"/> (ignoring case), or null.</summary>
    public static string? Find(KeyValuePair<string, string>[] items, string key)
    {
        foreach (var item in items)
        {
            if (string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return item.Value;
            }
        }

        return null;
    }

    public int Count => _count;

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No attribute '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = Find(_items, key);
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
