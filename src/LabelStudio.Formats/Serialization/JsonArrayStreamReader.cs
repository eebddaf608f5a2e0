using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads the elements of a top-level JSON array (or one top-level object) from a stream, one at a time, over a
/// pooled buffer: memory holds one element, not the file. The array's punctuation is scanned here; each element
/// is checked complete with <see cref="Utf8JsonReader.TrySkip"/> and then deserialized from its exact bytes, so
/// every error can name the element index, the absolute byte offset and the line and column.
/// </summary>
internal sealed class JsonArrayStreamReader<T> : IDisposable
    where T : class
{
    private static readonly System.Buffers.SearchValues<byte> Whitespace = System.Buffers.SearchValues.Create(" \n\r\t"u8);
    private static readonly System.Buffers.SearchValues<byte> Structural = System.Buffers.SearchValues.Create("\"{}[]"u8);
    private static readonly System.Buffers.SearchValues<byte> StringEnd = System.Buffers.SearchValues.Create("\"\\"u8);

    private readonly Stream _stream;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly LabelStudioJsonReaderOptions _options;
    private readonly bool _allowSingleObject;
    private readonly string _itemName;
    private readonly ElementReader? _elementReader;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private long _line = 1;
    private long _lineStartOffset;
    private long _index;
    private State _state;

    public JsonArrayStreamReader(Stream stream, JsonTypeInfo<T> typeInfo, LabelStudioJsonReaderOptions options, bool allowSingleObject, string itemName, ElementReader? elementReader = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTaskBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 16);
        _stream = stream;
        _typeInfo = typeInfo;
        _options = options;
        _allowSingleObject = allowSingleObject;
        _itemName = itemName;
        _elementReader = elementReader;
        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
    }

    /// <summary>Reads one complete element (a JSON object) with a reader over exactly its bytes.</summary>
    public delegate T ElementReader(ref Utf8JsonReader reader);

    private enum State
    {
        Start,
        FirstElementOrEnd,
        Element,
        SingleObject,
        AfterElement,
        AfterEnd,
        Done,
    }

    private enum Step
    {
        Item,
        NeedMore,
        Done,
    }

    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var step = Next(out var item);
                if (step == Step.Item)
                {
                    yield return item!;
                }
                else if (step == Step.Done)
                {
                    yield break;
                }
                else
                {
                    Compact();
                    while (_end < _buffer.Length)
                    {
                        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            _eof = true;
                            break;
                        }

                        _end += read;
                    }
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    public IEnumerable<T> ReadAll()
    {
        try
        {
            while (true)
            {
                var step = Next(out var item);
                if (step == Step.Item)
                {
                    yield return item!;
                }
                else if (step == Step.Done)
                {
                    yield break;
                }
                else
                {
                    Compact();
                    while (_end < _buffer.Length)
                    {
                        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                        if (read == 0)
                        {
                            _eof = true;
                            break;
                        }

                        _end += read;
                    }
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Step Next(out T? item)
    {
        item = null;
        while (true)
        {
            switch (_state)
            {
                case State.Start:
                    if (_bufferOffset + _start == 0)
                    {
                        if (_end - _start < 3 && !_eof)
                        {
                            return Step.NeedMore;
                        }

                        if (_buffer.AsSpan(_start, _end - _start).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                        {
                            Advance(3);
                        }
                    }

                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            throw Error(_allowSingleObject
                                ? $"The input is empty: expected a JSON array of {_itemName}s ('[') or one {_itemName} ('{{')."
                                : $"The input is empty: expected a JSON array of {_itemName}s ('[').", null);
                        }

                        return Step.NeedMore;
                    }

                    var first = _buffer[_start];
                    if (first == (byte)'[')
                    {
                        Advance(1);
                        _state = State.FirstElementOrEnd;
                    }
                    else if (first == (byte)'{' && _allowSingleObject)
                    {
                        _state = State.SingleObject;
                    }
                    else
                    {
                        throw Error(_allowSingleObject
                            ? $"Expected a JSON array of {_itemName}s ('[') or one {_itemName} ('{{'), found {Describe(first)}."
                            : $"Expected a JSON array of {_itemName}s ('['), found {Describe(first)}.", null);
                    }

                    break;

                case State.FirstElementOrEnd:
                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            throw Error($"Unexpected end of the input: expected a {_itemName} or ']'. The file is truncated.", null);
                        }

                        return Step.NeedMore;
                    }

                    if (_buffer[_start] == (byte)']')
                    {
                        Advance(1);
                        _state = State.AfterEnd;
                    }
                    else
                    {
                        _state = State.Element;
                    }

                    break;

                case State.Element:
                case State.SingleObject:
                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            throw Error($"Unexpected end of the input: expected a {_itemName} after ','. The file is truncated.", _index);
                        }

                        return Step.NeedMore;
                    }

                    if (_buffer[_start] == (byte)']')
                    {
                        throw Error($"Expected a {_itemName} after ',', found ']' (a trailing comma).", _index);
                    }

                    if (!TryReadElement(out item))
                    {
                        return Step.NeedMore;
                    }

                    _index++;
                    _state = _state == State.SingleObject ? State.AfterEnd : State.AfterElement;
                    return Step.Item;

                case State.AfterElement:
                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            throw Error($"Unexpected end of the input after {_itemName} {_index - 1}: expected ',' or ']'. The file is truncated.", null);
                        }

                        return Step.NeedMore;
                    }

                    var separator = _buffer[_start];
                    if (separator == (byte)',')
                    {
                        Advance(1);
                        _state = State.Element;
                    }
                    else if (separator == (byte)']')
                    {
                        Advance(1);
                        _state = State.AfterEnd;
                    }
                    else
                    {
                        throw Error($"Expected ',' or ']' after {_itemName} {_index - 1}, found {Describe(separator)}.", null);
                    }

                    break;

                case State.AfterEnd:
                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            _state = State.Done;
                            return Step.Done;
                        }

                        return Step.NeedMore;
                    }

                    throw Error($"Unexpected data after the end of the JSON value: found {Describe(_buffer[_start])}.", null);

                default:
                    return Step.Done;
            }
        }
    }

    private bool TryReadElement(out T? item)
    {
        item = null;
        var span = _buffer.AsSpan(_start, _end - _start);
        var depth = _state == State.SingleObject ? _options.MaxDepth : _options.MaxDepth - 1;
        var readerOptions = new JsonReaderOptions { MaxDepth = depth };
        if (TryReadElementFast(span, readerOptions, out item))
        {
            return true;
        }

        int length;
        try
        {
            var scan = new Utf8JsonReader(span, _eof, new JsonReaderState(readerOptions));
            if (!scan.Read() || !scan.TrySkip())
            {
                if (span.Length >= _options.MaxTaskBytes)
                {
                    throw Error($"The {_itemName} is larger than {_options.MaxTaskBytes} bytes (LabelStudioJsonReaderOptions.MaxTaskBytes).", _index);
                }

                return false;
            }

            if (scan.TokenType != JsonTokenType.EndObject)
            {
                throw Error($"Expected a {_itemName} object ('{{'), found {Describe(span[0])}.", _index);
            }

            length = (int)scan.BytesConsumed;
        }
        catch (JsonException ex) when (ex is not LabelStudioJsonException)
        {
            throw Error(ex, span);
        }

        var element = span[..length];
        try
        {
            if (_elementReader is null)
            {
                // From the exact bytes (not a reader): the serializer then scans the task once more, not twice.
                item = JsonSerializer.Deserialize(element, _typeInfo)
                    ?? throw Error($"Expected a {_itemName} object, found null.", _index);
            }
            else
            {
                var reader = new Utf8JsonReader(element, readerOptions);
                reader.Read();
                item = _elementReader(ref reader);
            }
        }
        catch (JsonMemberException ex)
        {
            throw Error(ex, element);
        }
        catch (JsonException ex) when (ex is not LabelStudioJsonException)
        {
            throw Error(ex, element);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw Error($"The {_itemName} could not be read: {ex.Message}", _index, ex);
        }

        Advance(length);
        return true;
    }

    // The fast path: finds the element's end with a vectorised scan of its structure (strings, brackets) instead of a
    // full tokenizer pass, then reads it once. Anything unusual (incomplete, too deep, invalid, wrong shape) is left to
    // the exact path below, which validates with the tokenizer and reports the positioned error.
    private bool TryReadElementFast(ReadOnlySpan<byte> span, JsonReaderOptions readerOptions, out T? item)
    {
        item = null;
        var length = ScanObject(span, readerOptions.MaxDepth);
        if (length <= 0)
        {
            return false;
        }

        try
        {
            var element = span[..length];
            if (_elementReader is null)
            {
                item = JsonSerializer.Deserialize(element, _typeInfo);
            }
            else
            {
                var reader = new Utf8JsonReader(element, readerOptions);
                reader.Read();
                item = _elementReader(ref reader);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            return false;
        }

        if (item is null)
        {
            return false;
        }

        Advance(length);
        return true;
    }

    /// <summary>
    /// The length of the JSON object at the start of <paramref name="span"/>: 0 when it is not complete in the span,
    /// -1 when the span does not start with an object or it nests deeper than <paramref name="maxDepth"/>. Only the
    /// structure is looked at; the bytes are validated when the element is read.
    /// </summary>
    internal static int ScanObject(ReadOnlySpan<byte> span, int maxDepth)
    {
        if (span.IsEmpty || span[0] != (byte)'{')
        {
            return -1;
        }

        var depth = 0;
        var i = 0;
        while (true)
        {
            var next = span[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return 0;
            }

            i += next;
            switch (span[i])
            {
                case (byte)'"':
                    i++;
                    while (true)
                    {
                        var end = span[i..].IndexOfAny(StringEnd);
                        if (end < 0)
                        {
                            return 0;
                        }

                        i += end;
                        if (span[i] == (byte)'\\')
                        {
                            i += 2;
                            if (i > span.Length)
                            {
                                return 0;
                            }

                            continue;
                        }

                        i++;
                        break;
                    }

                    break;
                case (byte)'{':
                case (byte)'[':
                    if (++depth > maxDepth)
                    {
                        return -1;
                    }

                    i++;
                    break;
                default:
                    i++;
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }
    }

    private bool SkipWhitespace()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var skip = span.IndexOfAnyExcept(Whitespace);
        Advance(skip < 0 ? span.Length : skip);
        return skip >= 0;
    }

    private void Advance(int count)
    {
        var consumed = _buffer.AsSpan(_start, count);
        var lines = consumed.Count((byte)'\n');
        if (lines > 0)
        {
            _line += lines;
            _lineStartOffset = _bufferOffset + _start + consumed.LastIndexOf((byte)'\n') + 1;
        }

        _start += count;
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var size = (int)Math.Min(Math.Min((long)_buffer.Length * 2, Array.MaxLength), (long)_options.MaxTaskBytes + 1);
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, _buffer.Length + 1));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    private LabelStudioJsonException Error(string message, long? index, Exception? inner = null)
    {
        var offset = _bufferOffset + _start;
        return new LabelStudioJsonException(message, index, offset, _line, offset - _lineStartOffset + 1, null, inner);
    }

    // Maps a position reported relative to the element's bytes to the stream.
    private LabelStudioJsonException Error(JsonException ex, ReadOnlySpan<byte> element)
    {
        var lineInElement = ex.LineNumber ?? 0;
        var lineStart = 0;
        for (var i = 0L; i < lineInElement; i++)
        {
            var next = element[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        var inLine = ex.BytePositionInLine ?? 0;
        var offset = _bufferOffset + _start + lineStart + inLine;
        var line = _line + lineInElement;
        var column = lineInElement == 0 ? _bufferOffset + _start - _lineStartOffset + inLine + 1 : inLine + 1;
        return new LabelStudioJsonException(StripPosition(ex.Message), _index, offset, line, column, ex.Path, ex);
    }

    // A member error of the hand-written task reader: its offset is relative to the element.
    private LabelStudioJsonException Error(JsonMemberException ex, ReadOnlySpan<byte> element)
    {
        var inElement = (int)Math.Min(ex.Offset, element.Length);
        var before = element[..inElement];
        var lines = before.Count((byte)'\n');
        var offset = _bufferOffset + _start + inElement;
        var column = lines == 0 ? offset - _lineStartOffset + 1 : inElement - before.LastIndexOf((byte)'\n');
        return new LabelStudioJsonException(ex.Message, _index, offset, _line + lines, column, ex.Path, ex);
    }

    // System.Text.Json appends positions relative to the element; ours replace them.
    private static string StripPosition(string message)
    {
        var cut = message.Length;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: ", " | LineNumber: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return message[..cut].TrimEnd();
    }

    private static string Describe(byte value) => value switch
    {
        >= 0x21 and < 0x7F => $"'{(char)value}'",
        _ => $"byte 0x{value:X2}",
    };
}
