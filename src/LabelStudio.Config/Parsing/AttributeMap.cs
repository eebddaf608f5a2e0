using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// A tag's attributes: a handful of pairs searched linearly, ignoring case. Elements carry two or three attributes
/// as a rule, so a flat array beats a hash table in time and memory (it matters for 10,000-label configs).
/// </summary>
internal sealed class AttributeMap : IReadOnlyDictionary<string, string>
{
    public static readonly AttributeMap Empty = new([], 0);

    private readonly KeyValuePair<string, string>[] _items;
    private readonly int _count;

    public AttributeMap(KeyValuePair<string, string>[] items, int count)
    {
        _items = items;
        _count = count;
    }

    public int Count => _count;

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<string> Values => this.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No attribute '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = _items[i].Value;
                return true;
            }
        }

        value = null;
        return false;
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
