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
        writer.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    public void NullableInt(long? value)
    {
        BeforeValue();
        writer.Write(value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null");
    }

    public void Float(double value)
    {
        BeforeValue();
        writer.Write(PythonFloat.Format(value));
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
        for (var i = 0; i < _depth; i++)
        {
            writer.Write("  ");
        }
    }

    private void WriteString(string value)
    {
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
