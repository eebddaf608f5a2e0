using System.Buffers;
using System.Text;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// Writes JSON laid out as ujson's <c>dump(indent=2)</c> does for the official converter: one value per line,
/// <c>/</c> escaped as <c>\/</c>, non-ASCII kept, floats in Python's shortest form with <c>.0</c> for integral
/// values and ujson's unpadded exponents (<c>1.92e-5</c>). Only the shapes the image exporters need; the caller keeps the structure valid. Writes UTF-8 straight
/// into a byte buffer (numbers are formatted in place), so the caller can flush it, or cut it into pieces by
/// <see cref="Utf8Buffer.WrittenCount"/> offsets.
/// </summary>
internal sealed class UjsonWriter(Utf8Buffer output, int baseDepth = 0)
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\/\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    // Per open container: whether it holds an item yet (the next one needs a comma).
    private bool[] _hasItems = new bool[16];
    private int _open;
    private int _depth = baseDepth;
    private bool _afterName;

    public Utf8Buffer Output => output;

    public void StartObject() => Open((byte)'{');

    public void EndObject() => Close((byte)'}');

    public void StartArray() => Open((byte)'[');

    public void EndArray() => Close((byte)']');

    public void Name(string name)
    {
        BeforeValue();
        WriteString(name);
        output.Write(": "u8);
        _afterName = true;
    }

    /// <summary>
    /// <see cref="Name(string)"/> for a name given as its UTF-8 bytes (a <c>u8</c> literal) that needs no escaping:
    /// no encoding or escape scan per call.
    /// </summary>
    public void Name(ReadOnlySpan<byte> name)
    {
        BeforeValue();
        var span = output.GetSpan(name.Length + 4);
        span[0] = (byte)'"';
        name.CopyTo(span[1..]);
        span[name.Length + 1] = (byte)'"';
        span[name.Length + 2] = (byte)':';
        span[name.Length + 3] = (byte)' ';
        output.Advance(name.Length + 4);
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            output.Write("null"u8);
        }
        else
        {
            WriteString(value);
        }
    }

    public void Int(long value)
    {
        BeforeValue();
        output.WriteInt(value);
    }

    public void NullableInt(long? value)
    {
        if (value is { } v)
        {
            Int(v);
            return;
        }

        BeforeValue();
        output.Write("null"u8);
    }

    public void Float(double value)
    {
        BeforeValue();
        output.Advance(PythonFloat.WriteUjson(value, output.GetSpan(Serialization.ShortestDouble.MaxLength)));
    }

    /// <summary>
    /// Stands for a value another party writes later at this offset (<see cref="Utf8Buffer.WrittenCount"/>
    /// after the call): the layout goes on as if a value had been written.
    /// </summary>
    public void Placeholder() => BeforeValue();

    public void Property(string name, string? value)
    {
        Name(name);
        String(value);
    }

    public void Property(string name, long value)
    {
        Name(name);
        Int(value);
    }

    public void Property(string name, double value)
    {
        Name(name);
        Float(value);
    }

    public void Property(ReadOnlySpan<byte> name, string? value)
    {
        Name(name);
        String(value);
    }

    public void Property(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        Int(value);
    }

    public void Property(ReadOnlySpan<byte> name, double value)
    {
        Name(name);
        Float(value);
    }

    /// <summary>Acts as if an array had been opened here, for items written to a temporary file and spliced in later.</summary>
    public void BeginSplicedArray()
    {
        Push();
        _depth++;
    }

    /// <summary>Marks the current container as holding items written elsewhere (a spliced temporary file).</summary>
    public void MarkHasItems() => _hasItems[_open - 1] = true;

    /// <summary>
    /// Marks the current container as empty, so the next item is written without its leading comma: for items
    /// rendered apart and joined later by a party that knows which one comes first.
    /// </summary>
    public void ForgetItems() => _hasItems[_open - 1] = false;

    private void Push()
    {
        if (_open == _hasItems.Length)
        {
            Array.Resize(ref _hasItems, _open * 2);
        }

        _hasItems[_open++] = false;
    }

    private void Open(byte bracket)
    {
        BeforeValue();
        Put(bracket);
        Push();
        _depth++;
    }

    private void Close(byte bracket)
    {
        _depth--;
        if (_hasItems[--_open])
        {
            Put((byte)'\n');
            Indent();
        }

        Put(bracket);
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_open > 0)
        {
            // The comma, the newline and the indentation in one reservation.
            var comma = _hasItems[_open - 1] ? 1 : 0;
            var indent = _depth * 2;
            var span = output.GetSpan(comma + 1 + indent);
            if (comma == 1)
            {
                span[0] = (byte)',';
            }

            span[comma] = (byte)'\n';
            span.Slice(comma + 1, indent).Fill((byte)' ');
            output.Advance(comma + 1 + indent);
            _hasItems[_open - 1] = true;
        }
    }

    private void Put(byte value) => output.Put(value);

    private void Indent() => output.Fill((byte)' ', _depth * 2);

    private void WriteString(string value) => WriteQuoted(output, value);

    /// <summary>
    /// Writes <paramref name="value"/> as a ujson string: quoted, with <c>"</c>, <c>\</c>, <c>/</c> and control
    /// characters escaped and everything else kept as UTF-8. Runs between escapes are encoded straight into the
    /// buffer (an escaped character is ASCII, so a run never splits a surrogate pair).
    /// </summary>
    public static void WriteQuoted(Utf8Buffer output, string value)
    {
        var rest = value.AsSpan();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(rest.Length) + 2);
        span[0] = (byte)'"';
        var position = 1;
        while (true)
        {
            var next = rest.IndexOfAny(NeedsEscape);
            var run = next < 0 ? rest : rest[..next];
            position += Encoding.UTF8.GetBytes(run, span[position..]);
            if (next < 0)
            {
                break;
            }

            // At most 6 bytes (\u001f) for the escape, and room for the rest as before.
            var c = rest[next];
            rest = rest[(next + 1)..];
            output.Advance(position);
            span = output.GetSpan(6 + Encoding.UTF8.GetMaxByteCount(rest.Length) + 1);
            position = Escape(c, span);
        }

        span[position++] = (byte)'"';
        output.Advance(position);
    }

    private static int Escape(char c, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        var second = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '/' => (byte)'/',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            _ => (byte)0,
        };
        if (second != 0)
        {
            destination[1] = second;
            return 2;
        }

        // Other control characters: \u00XX with lower-case hex digits.
        "u00"u8.CopyTo(destination[1..]);
        destination[4] = (byte)"0123456789abcdef"[c >> 4];
        destination[5] = (byte)"0123456789abcdef"[c & 0xF];
        return 6;
    }
}
