namespace LabelStudio.Config.Parsing;

/// <summary>
/// Reads a string with <c>\r\n</c> and lone <c>\r</c> turned into <c>\n</c>, as AngleSharp.Xml normalises its input,
/// without copying the string (a large config's copy would land on the large-object heap).
/// </summary>
internal sealed class LineEndNormalizingReader : TextReader
{
    private readonly string _text;
    private int _position;

    public LineEndNormalizingReader(string text) => _text = text;

    public override int Peek() => _position < _text.Length ? (_text[_position] == '\r' ? '\n' : _text[_position]) : -1;

    public override int Read()
    {
        if (_position >= _text.Length)
        {
            return -1;
        }

        var c = _text[_position++];
        if (c != '\r')
        {
            return c;
        }

        SkipLineFeed();
        return '\n';
    }

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Read(buffer.AsSpan(index, count));
    }

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && _position < _text.Length)
        {
            var rest = _text.AsSpan(_position, Math.Min(_text.Length - _position, buffer.Length - written));
            var carriageReturn = rest.IndexOf('\r');
            if (carriageReturn < 0)
            {
                rest.CopyTo(buffer[written..]);
                written += rest.Length;
                _position += rest.Length;
                continue;
            }

            rest[..carriageReturn].CopyTo(buffer[written..]);
            written += carriageReturn;
            _position += carriageReturn + 1;
            buffer[written++] = '\n';
            SkipLineFeed();
        }

        return written;
    }

    private void SkipLineFeed()
    {
        if (_position < _text.Length && _text[_position] == '\n')
        {
            _position++;
        }
    }
}
