namespace LabelStudio.Config.Parsing;

/// <summary>
/// The distinct result values of one control, in first-seen order, with ordinal lookup. An open-addressing table of
/// indexes into the value list: for 10,000 labels it needs a 64 KB int array next to the 80 KB value list, where a
/// <see cref="HashSet{T}"/> needs a 160 KB entry array on the large-object heap, whose allocations trigger the gen-2
/// collections that dominate parsing a big vocabulary. Read-only once the parser is done with it, so safe to share.
/// </summary>
internal sealed class LabelValueSet
{
    public static readonly LabelValueSet Empty = new(0);

    private readonly List<string> _values;

    // The hash of each value, parallel to _values: a probe compares hashes and reads a value string only on a match, so
    // building the set touches no string but the one being added (the strings lie scattered over a heap of DOM nodes).
    private readonly int[] _hashes;

    // Slot = index into _values + 1; 0 = empty. Power-of-two size at most 3/4 full, so probe sequences stay short.
    private readonly int[] _slots;

    public LabelValueSet(int capacity)
    {
        _values = new List<string>(capacity);
        _hashes = new int[capacity];
        var size = 4;
        while (size < capacity + (capacity / 3) + 1)
        {
            size <<= 1;
        }

        _slots = new int[size];
    }

    /// <summary>The values in first-seen order.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The hash this set uses for a value (computed by the caller while the string is at hand).</summary>
    public static int Hash(string value) => StringComparer.Ordinal.GetHashCode(value);

    /// <summary>Adds a value; false when it is already present.</summary>
    public bool Add(string value) => Add(value, Hash(value));

    /// <summary>Adds a value whose <see cref="Hash"/> is known; false when it is already present.</summary>
    public bool Add(string value, int hash)
    {
        var slot = Find(value, hash, out var found);
        if (found)
        {
            return false;
        }

        if ((_values.Count + 1) * 4 > _slots.Length * 3)
        {
            // The capacity given is the number of labels, an upper bound on distinct values: never reached in use.
            throw new InvalidOperationException("The label value set is full.");
        }

        _hashes[_values.Count] = hash;
        _values.Add(value);
        _slots[slot] = _values.Count;
        return true;
    }

    public bool Contains(string value)
    {
        Find(value, Hash(value), out var found);
        return found;
    }

    private int Find(string value, int hash, out bool found)
    {
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                found = false;
                return slot;
            }

            if (_hashes[entry - 1] == hash && string.Equals(_values[entry - 1], value, StringComparison.Ordinal))
            {
                found = true;
                return slot;
            }

            slot = (slot + 1) & mask;
        }
    }
}
