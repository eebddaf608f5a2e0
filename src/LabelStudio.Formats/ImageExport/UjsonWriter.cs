using System.Globalization;
using System.Text;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// Writes JSON laid out as ujson's <c>dump(indent=2)</c> does for the official converter: one value per line,
/// <c>/</c> escaped as <c>\/</c>, non-ASCII kept, floats in Python's shortest form with <c>.0</c> for integral
/// values. Only the shapes the image exporters need; the caller keeps the structure valid.
/// </summary>
internal sealed class UjsonWriter(TextWriter writer, int baseDepth = 0)
{
    private const string Spaces = "                                                                ";

    private static readonly System.Buffers.SearchValues<char> NeedsEscape = System.Buffers.SearchValues.Create(
        "\"\\/\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly Stack<bool> _hasItems = new();
    private int _depth = baseDepth;
    private bool _afterName;

    public TextWriter Writer => writer;

    public void StartObject() => Open('{');

    public void EndObject() => Close('}');

    public void StartArray() => Open('[');

    public void EndArray() => Close(']');

    public void Name(string name)
    {
        BeforeValue();
        WriteString(name);
        writer.Write(": ");
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            writer.Write("null");
        }
        else
        {
            WriteString(value);
        }
    }

    public void Int(long value)
    {
        BeforeValue();
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
    }

    public void NullableInt(long? value)
    {
        BeforeValue();
        writer.Write(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");
    }

    public void Float(double value)
    {
        BeforeValue();
        PythonFloat.Write(writer, value);
    }

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

    /// <summary>Acts as if an array had been opened here, for items written to a temporary file and spliced in later.</summary>
    public void BeginSplicedArray()
    {
        _hasItems.Push(false);
        _depth++;
    }

    /// <summary>Marks the current container as holding items written elsewhere (a spliced temporary file).</summary>
    public void MarkHasItems()
    {
        _hasItems.Pop();
        _hasItems.Push(true);
    }

    private void Open(char bracket)
    {
        BeforeValue();
        writer.Write(bracket);
        _hasItems.Push(false);
        _depth++;
    }

    private void Close(char bracket)
    {
        _depth--;
        if (_hasItems.Pop())
        {
            writer.Write('\n');
            Indent();
        }

        writer.Write(bracket);
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count > 0)
        {
            if (_hasItems.Peek())
            {
                writer.Write(',');
            }

            _hasItems.Pop();
            _hasItems.Push(true);
            writer.Write('\n');
            Indent();
        }
    }

    private void Indent()
    {
        if (_depth * 2 <= Spaces.Length)
        {
            writer.Write(Spaces.AsSpan(0, _depth * 2));
            return;
        }

        for (var i = 0; i < _depth; i++)
        {
            writer.Write("  ");
        }
    }

    private void WriteString(string value)
    {
        // Most names and labels need no escaping: write them as they are.
        if (value.AsSpan().IndexOfAny(NeedsEscape) < 0)
        {
            writer.Write('"');
            writer.Write(value);
            writer.Write('"');
            return;
        }

        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '/': builder.Append("\\/"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        writer.Write(builder.ToString());
    }
}
