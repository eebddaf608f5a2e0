using System.Text;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Csv;

/// <summary>
/// The CSV exporter's row plumbing: fields quoted as Python's <c>QUOTE_NONNUMERIC</c> writer does, rows laid out
/// under a header, and the two scratch encodings read back. A scratch row is either a CSV line already laid out in
/// some <see cref="CsvLayout"/>, or a "loose" row: the number of fields, then per field its column kind, column id
/// and the finished field bytes (7-bit encoded integers), for rows with columns the layout of the moment lacked.
/// </summary>
internal static class CsvRows
{
    /// <summary>A missing cell: <c>(0, -1)</c>, written <c>""</c>.</summary>
    public static readonly (int Start, int Length) Missing = (0, -1);

    /// <summary>A string field: always quoted (QUOTE_NONNUMERIC), quotes doubled.</summary>
    public static void WriteQuoted(Utf8Buffer output, string text)
    {
        var quote = "\""u8;
        output.Write(quote);
        var rest = text.AsSpan();
        while (true)
        {
            var at = rest.IndexOf('"');
            var part = at < 0 ? rest : rest[..at];
            var bytes = output.GetSpan(Encoding.UTF8.GetMaxByteCount(part.Length));
            output.Advance(Encoding.UTF8.GetBytes(part, bytes));
            if (at < 0)
            {
                break;
            }

            output.Write("\"\""u8);
            rest = rest[(at + 1)..];
        }

        output.Write(quote);
    }

    /// <summary>UTF-8 text as a quoted field, quotes doubled.</summary>
    public static void WriteQuotedUtf8(Utf8Buffer output, ReadOnlySpan<byte> text)
    {
        output.Write("\""u8);
        while (true)
        {
            var at = text.IndexOf((byte)'"');
            if (at < 0)
            {
                output.Write(text);
                break;
            }

            output.Write(text[..(at + 1)]);
            output.Write("\""u8);
            text = text[(at + 1)..];
        }

        output.Write("\""u8);
    }

    /// <summary>One CSV line: the cells in slot order (missing ones <c>""</c>), CRLF at the end.</summary>
    public static void WriteRow(Utf8Buffer output, ReadOnlySpan<byte> data, ReadOnlySpan<(int Start, int Length)> cells, byte delimiter)
    {
        var size = 2;
        foreach (var (_, length) in cells)
        {
            size += Math.Max(length, 2) + 1;
        }

        var span = output.GetSpan(size);
        var at = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                span[at++] = delimiter;
            }

            var (start, length) = cells[i];
            if (length < 0)
            {
                span[at++] = (byte)'"';
                span[at++] = (byte)'"';
            }
            else
            {
                data.Slice(start, length).CopyTo(span[at..]);
                at += length;
            }
        }

        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        output.Advance(at);
    }

    /// <summary>
    /// Lays out the complete loose rows at the start of <paramref name="input"/> under <paramref name="layout"/>;
    /// returns the bytes consumed (a row cut off at the end is left for the next call).
    /// </summary>
    public static int LayOutLoose(ReadOnlySpan<byte> input, CsvLayout layout, Utf8Buffer output, (int Start, int Length)[] cells)
    {
        var consumed = 0;
        var row = cells.AsSpan(0, layout.Width);
        while (consumed < input.Length)
        {
            row.Fill(Missing);
            var rest = input[consumed..];
            if (!TryParseLoose(rest, layout.SlotOf, row, out var length))
            {
                break;
            }

            WriteRow(output, rest, row, layout.Delimiter);
            consumed += length;
        }

        return consumed;
    }

    /// <summary>
    /// Lays out the complete CSV lines at the start of <paramref name="input"/>, rendered in <paramref name="from"/>,
    /// under <paramref name="to"/>; returns the bytes consumed.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not one the exporter wrote in <paramref name="from"/>.</exception>
    public static int Relayout(ReadOnlySpan<byte> input, CsvLayout from, int[] slotMap, CsvLayout to, Utf8Buffer output, (int Start, int Length)[] cells)
    {
        var consumed = 0;
        var row = cells.AsSpan(0, to.Width);
        while (consumed < input.Length)
        {
            row.Fill(Missing);
            var rest = input[consumed..];
            var at = 0;
            var complete = true;
            for (var slot = 0; slot < from.Width && complete; slot++)
            {
                var start = at;
                complete = SkipField(rest, ref at, from.Delimiter);
                row[slotMap[slot]] = (start, at - start);
                if (!complete)
                {
                    break;
                }

                // After each field: the delimiter, or CRLF after the last.
                var last = slot == from.Width - 1;
                if (at >= rest.Length || (last && at + 1 >= rest.Length))
                {
                    complete = false;
                }
                else if (last ? rest[at] != (byte)'\r' || rest[at + 1] != (byte)'\n' : rest[at] != from.Delimiter)
                {
                    throw new InvalidDataException($"The CSV scratch file has a malformed row at byte {consumed + at} of its block.");
                }
                else
                {
                    at += last ? 2 : 1;
                }
            }

            if (!complete)
            {
                break;
            }

            WriteRow(output, rest, row, to.Delimiter);
            consumed += at;
        }

        return consumed;
    }

    /// <summary>Per slot of <paramref name="from"/>, the slot of the same column in <paramref name="to"/>.</summary>
    public static int[] SlotMap(CsvLayout from, CsvLayout to)
    {
        var map = new int[from.Width];
        for (var slot = 0; slot < map.Length; slot++)
        {
            var (kind, id) = from.Columns[slot];
            map[slot] = to.SlotOf[kind][id];
        }

        return map;
    }

    // A field as the exporter writes it: quoted (quotes doubled; delimiters and line breaks inside) or bare (numbers,
    // True/False: never a delimiter, quote or line break). False when the input ends before the field does.
    private static bool SkipField(ReadOnlySpan<byte> row, ref int at, byte delimiter)
    {
        if (at < row.Length && row[at] == (byte)'"')
        {
            var position = at + 1;
            while (true)
            {
                var quote = row[position..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    return false;
                }

                position += quote + 1;
                if (position >= row.Length)
                {
                    return false;
                }

                if (row[position] != (byte)'"')
                {
                    at = position;
                    return true;
                }

                position++;
            }
        }

        var end = row[at..].IndexOfAny(delimiter, (byte)'\r', (byte)'\n');
        if (end < 0)
        {
            return false;
        }

        at += end;
        return true;
    }

    private static bool TryParseLoose(ReadOnlySpan<byte> span, int[][] slotOf, Span<(int Start, int Length)> cells, out int consumed)
    {
        consumed = 0;
        var at = 0;
        if (!ReadVarint(span, ref at, out var count))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (at >= span.Length)
            {
                return false;
            }

            var kind = span[at++];
            if (!ReadVarint(span, ref at, out var id) || !ReadVarint(span, ref at, out var length) || length > span.Length - at)
            {
                return false;
            }

            cells[slotOf[kind][id]] = (at, length);
            at += length;
        }

        consumed = at;
        return true;
    }

    private static bool ReadVarint(ReadOnlySpan<byte> span, ref int at, out int value)
    {
        value = 0;
        var shift = 0;
        while (at < span.Length)
        {
            var b = span[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }

            shift += 7;
        }

        return false;
    }

    /// <summary>Appends a 7-bit encoded non-negative integer.</summary>
    public static void WriteVarint(Utf8Buffer output, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            output.Put((byte)(v | 0x80));
            v >>= 7;
        }

        output.Put((byte)v);
    }
}
