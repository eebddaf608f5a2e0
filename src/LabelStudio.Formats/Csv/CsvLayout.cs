using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Csv;

/// <summary>
/// One snapshot of the CSV column layout: the sorted header and, per column kind and id, the header slot. The
/// exporter's workers render rows straight into the layout the spill loop last published; the file is rewritten
/// only when the final layout differs from the one the rows were rendered in.
/// </summary>
internal sealed class CsvLayout
{
    public CsvLayout(long version, string[] names, int[][] slotOf, bool[] outputs, byte delimiter)
    {
        Version = version;
        Names = names;
        SlotOf = slotOf;
        Outputs = outputs;
        Delimiter = delimiter;
        var header = new Utf8Buffer(names.Length * 16);
        for (var i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                header.Put(delimiter);
            }

            CsvRows.WriteQuoted(header, names[i]);
        }

        header.Write("\r\n"u8);
        Header = header.WrittenSpan.ToArray();

        // Two columns may land on one name (a data key literally named _data_<key> next to a renamed <key>): such a
        // layout cannot be mapped back column by column, so rows are never rendered in it.
        var taken = new bool[names.Length];
        Columns = new (byte Kind, int Id)[names.Length];
        for (var kind = 0; kind < slotOf.Length; kind++)
        {
            for (var id = 0; id < slotOf[kind].Length; id++)
            {
                var slot = slotOf[kind][id];
                Ambiguous |= taken[slot];
                taken[slot] = true;
                Columns[slot] = ((byte)kind, id);
            }
        }
    }

    /// <summary>The column table's version this layout was built from.</summary>
    public long Version { get; }

    /// <summary>The header names, sorted by code point.</summary>
    public string[] Names { get; }

    /// <summary>Per column kind, per column id: the header slot. Ids past the end are columns this layout lacks.</summary>
    public int[][] SlotOf { get; }

    /// <summary>Per other-column id: whether a control of that name was seen (it renames a data key of that name).</summary>
    public bool[] Outputs { get; }

    /// <summary>The (kind, id) of each slot.</summary>
    public (byte Kind, int Id)[] Columns { get; }

    /// <summary>True when two columns share a header name; rows are then only laid out at the end.</summary>
    public bool Ambiguous { get; }

    /// <summary>The field separator.</summary>
    public byte Delimiter { get; }

    /// <summary>The header line, CRLF included.</summary>
    public byte[] Header { get; }

    /// <summary>The number of columns.</summary>
    public int Width => Names.Length;

    /// <summary>Whether rows rendered in this layout read the same under <paramref name="other"/>.</summary>
    public bool SameAs(CsvLayout other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Ambiguous || other.Ambiguous || !Names.AsSpan().SequenceEqual(other.Names) || SlotOf.Length != other.SlotOf.Length)
        {
            return false;
        }

        for (var kind = 0; kind < SlotOf.Length; kind++)
        {
            if (!SlotOf[kind].AsSpan().SequenceEqual(other.SlotOf[kind]))
            {
                return false;
            }
        }

        return true;
    }
}
