namespace LabelStudio.Formats.Csv;

/// <summary>
/// The column names seen so far, numbered in first-seen order per kind, and the names controls use; safe to use from
/// several threads. Every change bumps <see cref="Version"/>; <see cref="Published"/> is the layout the workers
/// render rows in, replaced only by the exporter's spill loop.
/// </summary>
internal sealed class CsvColumnTable
{
    /// <summary>Column kinds: a data key (renamed <c>_data_&lt;key&gt;</c> when a control has its name) or any other.</summary>
    public const byte DataColumn = 0, OtherColumn = 1;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int>[] _ids = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly List<string>[] _names = [[], []];
    private readonly List<bool> _outputs = [];
    private readonly byte _delimiter;
    private readonly Lock _gate = new();
    private long _version;
    private CsvLayout? _layout;
    private volatile CsvLayout _published;

    public CsvColumnTable(byte delimiter)
    {
        _delimiter = delimiter;
        _published = Layout();
    }

    /// <summary>Bumped by every new column or control name.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>The layout workers render rows in.</summary>
    public CsvLayout Published => _published;

    /// <summary>The id of a column, added when new.</summary>
    public int Id(byte kind, string name)
    {
        // Names repeat on every row: the lock-free lookup is the common path.
        if (_ids[kind].TryGetValue(name, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            return IdLocked(kind, name);
        }
    }

    /// <summary>The other-column id of a control's output, the name remembered as a control's.</summary>
    public int OutputId(string name)
    {
        lock (_gate)
        {
            var id = IdLocked(OtherColumn, name);
            if (!_outputs[id])
            {
                _outputs[id] = true;
                _version++;
            }

            return id;
        }
    }

    /// <summary>Makes the current layout the one workers render in, and returns it.</summary>
    public CsvLayout Publish() => _published = Layout();

    /// <summary>
    /// The layout of every column seen so far: sorted by code point, a data key that is also a control's name
    /// written <c>_data_&lt;key&gt;</c>. Built again only after a change.
    /// </summary>
    public CsvLayout Layout()
    {
        lock (_gate)
        {
            if (_layout is { } cached && cached.Version == _version)
            {
                return cached;
            }

            var data = _names[DataColumn];
            var other = _names[OtherColumn];
            var outputNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < other.Count; i++)
            {
                if (_outputs[i])
                {
                    outputNames.Add(other[i]);
                }
            }

            var header = new SortedSet<string>(other, StringComparer.Ordinal);
            var dataNames = new string[data.Count];
            for (var i = 0; i < data.Count; i++)
            {
                dataNames[i] = outputNames.Contains(data[i]) ? "_data_" + data[i] : data[i];
                header.Add(dataNames[i]);
            }

            var names = header.ToArray();
            var slot = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                slot[names[i]] = i;
            }

            var dataSlots = new int[data.Count];
            for (var i = 0; i < data.Count; i++)
            {
                dataSlots[i] = slot[dataNames[i]];
            }

            var otherSlots = new int[other.Count];
            for (var i = 0; i < other.Count; i++)
            {
                otherSlots[i] = slot[other[i]];
            }

            _layout = new CsvLayout(_version, names, [dataSlots, otherSlots], [.. _outputs], _delimiter);
            return _layout;
        }
    }

    private int IdLocked(byte kind, string name)
    {
        if (!_ids[kind].TryGetValue(name, out var id))
        {
            id = _names[kind].Count;
            _names[kind].Add(name);
            if (kind == OtherColumn)
            {
                _outputs.Add(false);
            }

            _version++;
            _ids[kind][name] = id;
        }

        return id;
    }
}
