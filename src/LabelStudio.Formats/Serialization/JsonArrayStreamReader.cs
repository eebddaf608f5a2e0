using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads the elements of a top-level JSON array (or one top-level object) from a stream, one at a time, over a
/// pooled buffer: memory holds a bounded window of elements, not the file. The array's punctuation is scanned here;
/// each element's end is found with a structural scan and the element is then deserialized from its exact bytes, so
/// every error can name the element index, the absolute byte offset and the line and column.
/// </summary>
/// <remarks>
/// With a degree of parallelism above one, framing (reading the stream, finding element ends) runs on one thread while
/// batches of framed elements are deserialized on the thread pool; elements still come out in file order, and an
/// error surfaces after every element before it has been yielded, exactly as in the sequential read.
/// </remarks>
internal sealed partial class JsonArrayStreamReader<T> : IDisposable
    where T : class
{
    // A batch is dispatched when it holds this many bytes or elements: large enough that scheduling costs nothing
    // next to the deserialization, small enough that several batches keep every core busy on a modest file.
    private const int BatchTargetBytes = 128 * 1024;
    private const int BatchMaxElements = 256;

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \n\r\t"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    private readonly Stream _stream;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly LabelStudioJsonReaderOptions _options;
    private readonly bool _allowSingleObject;
    private readonly string _itemName;
    private readonly ElementReader? _elementReader;
    private readonly FastElementReader? _fastElementReader;
    private readonly int _parallelism;
    private readonly TaskListEnvelopeState? _envelope;

    // The string pools of the parallel read, one per batch being deserialized and handed from batch to batch: a fresh
    // pool per batch (a few dozen tasks) would transcode and allocate every label and name again.
    private readonly ConcurrentBag<JsonStringPool> _batchPools = [];
    private bool _inEnvelopeArray;
    private int _envelopeMembers;
    private bool _envelopeComma;
    private JsonStringPool? _sequentialPool;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private long _line = 1;
    private long _lineStartOffset;
    private long _index;
    private State _state;

    public JsonArrayStreamReader(Stream stream, JsonTypeInfo<T> typeInfo, LabelStudioJsonReaderOptions options, bool allowSingleObject, string itemName, ElementReader? elementReader = null, TaskListEnvelopeState? envelope = null, FastElementReader? fastElementReader = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDepth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTaskBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 16);
        if (options.MaxDegreeOfParallelism is { } degree)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        }

        _stream = stream;
        _typeInfo = typeInfo;
        _options = options;
        _allowSingleObject = allowSingleObject;
        _itemName = itemName;
        _elementReader = elementReader;
        _fastElementReader = fastElementReader;
        _parallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        _envelope = envelope;
        _buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
    }

    /// <summary>
    /// Reads one complete element (a JSON object) with a reader over exactly its bytes. <paramref name="pool"/> belongs
    /// to the calling thread for the duration of the call.
    /// </summary>
    public delegate T ElementReader(ref Utf8JsonReader reader, JsonStringPool pool);

    /// <summary>
    /// Tried before <see cref="ElementReader"/> on a complete element: false when it does not handle the element (never
    /// throws for bad input); when true, the element reader would have returned an identical item.
    /// </summary>
    public delegate bool FastElementReader(ReadOnlySpan<byte> element, JsonStringPool pool, int maxDepth, [NotNullWhen(true)] out T? item);

    private enum State
    {
        Start,
        FirstElementOrEnd,
        Element,
        SingleObject,
        AfterElement,
        AfterEnd,
        Done,
        EnvelopeMember,
    }

    private enum Step
    {
        Item,
        NeedMore,
        Done,
        BatchFull,
    }

    // The parallel read's enumerable also maps: OrderedParallelMap hands it the exporters' work (see ParallelItems).
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken) =>
        _parallelism > 1 ? new ParallelItems(this, cancellationToken) : ReadSequentialAsync(cancellationToken);

    // A synchronous read blocks its thread on work queued to the thread pool; from a pool thread (a server's request,
    // a Task.Run) that invites starvation, so there it reads on the caller's thread.
    public IEnumerable<T> ReadAll() => _parallelism > 1 && !Thread.CurrentThread.IsThreadPoolThread ? ReadParallel() : ReadSequential();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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

        return Vector128.IsHardwareAccelerated ? StructuralScan.FindObjectEnd(span, maxDepth) : ScanObjectScalar(span, maxDepth);
    }

    /// <summary>The same answer as <see cref="ScanObject"/>, token by token (the reference the vectorised scan is tested against).</summary>
    internal static int ScanObjectScalar(ReadOnlySpan<byte> span, int maxDepth)
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

    private async IAsyncEnumerable<T> ReadSequentialAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var step = Next(out var item, null);
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
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    private IEnumerable<T> ReadSequential()
    {
        try
        {
            while (true)
            {
                var step = Next(out var item, null);
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
                    Fill();
                }
            }
        }
        finally
        {
            Dispose();
        }
    }

    private async IAsyncEnumerable<T> ReadParallelAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pipeline = new Pipeline(this, synchronous: false);
        while (await pipeline.Batches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (pipeline.TryTake(out var batch))
            {
                await batch.Work.WaitAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    yield return batch.Take(i);
                }

                pipeline.Finish(batch);
            }
        }

        await pipeline.CompleteAsync().ConfigureAwait(false);
    }

    private IEnumerable<T> ReadParallel()
    {
        using var pipeline = new Pipeline(this, synchronous: true);
        while (pipeline.Batches.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (pipeline.TryTake(out var batch))
            {
                batch.Work.GetAwaiter().GetResult();
                for (var i = 0; i < batch.Count; i++)
                {
                    yield return batch.Take(i);
                }

                pipeline.Finish(batch);
            }
        }

        pipeline.CompleteAsync().GetAwaiter().GetResult();
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
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

    private void Fill()
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

    // The framing state machine. With a batch, complete elements are copied into it to be deserialized later (Step.BatchFull
    // when it is full); without one, or for anything the structural scan cannot frame, the element is read here.
    private Step Next(out T? item, Batch? batch)
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
                    else if (first == (byte)'{' && _envelope is not null)
                    {
                        Advance(1);
                        _envelope.IsEnvelope = true;
                        _state = State.EnvelopeMember;
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
                        _state = EndOfArray();
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

                    if (batch is not null && TryFrame(batch))
                    {
                        _index++;
                        _state = _state == State.SingleObject ? State.AfterEnd : State.AfterElement;
                        if (batch.Count >= BatchMaxElements || batch.Length >= BatchTargetBytes)
                        {
                            return Step.BatchFull;
                        }

                        break;
                    }

                    if (!TryReadElement(out item))
                    {
                        return Step.NeedMore;
                    }

                    _index++;
                    _state = _state == State.SingleObject ? State.AfterEnd : State.AfterElement;
                    if (batch is null)
                    {
                        return Step.Item;
                    }

                    batch.AddReady(item!, _index - 1);
                    item = null;
                    break;

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
                        _state = EndOfArray();
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

                case State.EnvelopeMember:
                    if (!SkipWhitespace())
                    {
                        if (_eof)
                        {
                            throw Error($"Unexpected end of the input inside the task list object: expected a member or '}}'. The answer is truncated.", null);
                        }

                        return Step.NeedMore;
                    }

                    if (!TryReadEnvelopeMember())
                    {
                        return Step.NeedMore;
                    }

                    break;

                default:
                    return Step.Done;
            }
        }
    }

    // Where the element array's closing bracket leads: back into the task list object, or to the end of the input.
    private State EndOfArray()
    {
        if (!_inEnvelopeArray)
        {
            return State.AfterEnd;
        }

        _inEnvelopeArray = false;
        _envelopeMembers++;
        _envelopeComma = false;
        return State.EnvelopeMember;
    }

    // One step inside the task list object {"tasks": [...], "total": n, ...}: a comma, the closing brace, or a whole member
    // (the tasks member only up to its '['). False when the buffer does not hold enough of it yet.
    private bool TryReadEnvelopeMember()
    {
        var envelope = _envelope!;
        var c = _buffer[_start];
        if (c == (byte)'}')
        {
            if (_envelopeComma)
            {
                throw Error("Expected a member after ',' in the task list object, found '}' (a trailing comma).", null);
            }

            Advance(1);
            _state = State.AfterEnd;
            return true;
        }

        if (c == (byte)',')
        {
            if (_envelopeMembers == 0 || _envelopeComma)
            {
                throw Error("Expected a member name in the task list object, found ','.", null);
            }

            Advance(1);
            _envelopeComma = true;
            return true;
        }

        if (c != (byte)'"' || (_envelopeMembers > 0 && !_envelopeComma))
        {
            throw Error(_envelopeMembers > 0 && !_envelopeComma
                ? $"Expected ',' or '}}' in the task list object, found {Describe(c)}."
                : $"Expected a member name in the task list object, found {Describe(c)}.", null);
        }

        // The name (a JSON string), the colon and the first byte of the value must all be in the buffer.
        var span = _buffer.AsSpan(_start, _end - _start);
        var nameEnd = 1;
        while (true)
        {
            var next = span[nameEnd..].IndexOfAny(StringEnd);
            if (next < 0)
            {
                return NeedMoreInEnvelope(span);
            }

            nameEnd += next;
            if (span[nameEnd] == (byte)'\\')
            {
                nameEnd += 2;
                if (nameEnd >= span.Length)
                {
                    return NeedMoreInEnvelope(span);
                }

                continue;
            }

            nameEnd++;
            break;
        }

        var afterName = span[nameEnd..].IndexOfAnyExcept(Whitespace);
        if (afterName < 0)
        {
            return NeedMoreInEnvelope(span);
        }

        var colon = nameEnd + afterName;
        if (span[colon] != (byte)':')
        {
            Advance(colon);
            throw Error($"Expected ':' after a member name in the task list object, found {Describe(span[colon])}.", null);
        }

        var valueStart = span[(colon + 1)..].IndexOfAnyExcept(Whitespace);
        if (valueStart < 0)
        {
            return NeedMoreInEnvelope(span);
        }

        valueStart += colon + 1;
        string name;
        try
        {
            var nameReader = new Utf8JsonReader(span[..nameEnd]);
            nameReader.Read();
            name = nameReader.GetString()!;
        }
        catch (JsonException ex)
        {
            throw Error($"The task list object has a malformed member name: {StripPosition(ex.Message)}", null, ex);
        }

        if (name == envelope.TasksMember)
        {
            if (span[valueStart] != (byte)'[')
            {
                Advance(valueStart);
                throw Error($"Expected the '{name}' member to be an array of {_itemName}s, found {Describe(span[valueStart])}.", null);
            }

            Advance(valueStart + 1);
            envelope.SawTasks = true;
            _inEnvelopeArray = true;
            _state = State.FirstElementOrEnd;
            return true;
        }

        long? number = null;
        int valueLength;
        try
        {
            var reader = new Utf8JsonReader(span[valueStart..], _eof, new JsonReaderState(new JsonReaderOptions { MaxDepth = _options.MaxDepth }));
            if (!reader.Read() || !reader.TrySkip())
            {
                return NeedMoreInEnvelope(span);
            }

            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
            {
                number = value;
            }

            valueLength = (int)reader.BytesConsumed;
        }
        catch (JsonException ex)
        {
            Advance(valueStart);
            throw Error($"The task list object's '{name}' member is malformed: {StripPosition(ex.Message)}", null, ex);
        }

        if (number is { } total)
        {
            envelope.Totals[name] = total;
        }

        Advance(valueStart + valueLength);
        _envelopeMembers++;
        _envelopeComma = false;
        return true;
    }

    private bool NeedMoreInEnvelope(ReadOnlySpan<byte> span)
    {
        if (_eof)
        {
            throw Error("Unexpected end of the input inside the task list object. The answer is truncated.", null);
        }

        if (span.Length >= _options.MaxTaskBytes)
        {
            throw Error($"A member of the task list object is larger than {_options.MaxTaskBytes} bytes (LabelStudioJsonReaderOptions.MaxTaskBytes).", null);
        }

        return false;
    }

    // Copies a complete element into the batch, with the position it starts at.
    private bool TryFrame(Batch batch)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var length = ScanObject(span, MaxElementDepth);
        if (length <= 0)
        {
            return false;
        }

        batch.Add(span[..length], CurrentPosition);
        Advance(length);
        return true;
    }

    private int MaxElementDepth => _state == State.SingleObject ? _options.MaxDepth : _options.MaxDepth - 1;

    private Position CurrentPosition => new(_index, _bufferOffset + _start, _line, _lineStartOffset, MaxElementDepth);

    private bool TryReadElement(out T? item)
    {
        item = null;
        var span = _buffer.AsSpan(_start, _end - _start);
        var position = CurrentPosition;
        var pool = _sequentialPool ??= new JsonStringPool();
        var length = ScanObject(span, MaxElementDepth);
        if (length > 0 && TryDeserialize(span[..length], pool, position.MaxDepth, out item))
        {
            Advance(length);
            return true;
        }

        var readerOptions = new JsonReaderOptions { MaxDepth = MaxElementDepth };
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
            throw PositionedError(ex, span, position);
        }

        item = ReadExact(span[..length], pool, position);
        Advance(length);
        return true;
    }

    // The fast path: the element's bytes read once. Anything unusual is left to ReadExact, which reports it positioned.
    private bool TryDeserialize(ReadOnlySpan<byte> element, JsonStringPool pool, int maxDepth, out T? item)
    {
        if (_fastElementReader is not null && _fastElementReader(element, pool, maxDepth, out item))
        {
            return true;
        }

        item = null;
        if (JsonEscapes.FindUnpairedSurrogate(element) >= 0)
        {
            // Readable, but never writable again: ReadExact reports where it is.
            return false;
        }

        try
        {
            if (_elementReader is null)
            {
                item = JsonSerializer.Deserialize(element, _typeInfo);
            }
            else
            {
                var reader = new Utf8JsonReader(element, new JsonReaderOptions { MaxDepth = maxDepth });
                reader.Read();
                item = _elementReader(ref reader, pool);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            return false;
        }

        return item is not null;
    }

    // Reads a complete element whose fast read failed, or was never tried: validates it with the tokenizer first, so the
    // error names the exact place.
    private T ReadExact(ReadOnlySpan<byte> element, JsonStringPool pool, Position position)
    {
        var readerOptions = new JsonReaderOptions { MaxDepth = position.MaxDepth };
        try
        {
            var scan = new Utf8JsonReader(element, readerOptions);
            if (!scan.Read() || !scan.TrySkip() || scan.TokenType != JsonTokenType.EndObject || scan.BytesConsumed != element.Length)
            {
                throw PositionedError($"Expected a {_itemName} object ('{{'), found {Describe(element[0])}.", position);
            }
        }
        catch (JsonException ex) when (ex is not LabelStudioJsonException)
        {
            throw PositionedError(ex, element, position);
        }

        var unpaired = JsonEscapes.FindUnpairedSurrogate(element);
        if (unpaired >= 0)
        {
            throw PositionedError(JsonEscapes.UnpairedSurrogateMessage, unpaired, element, position, null, null);
        }

        try
        {
            if (_elementReader is null)
            {
                return JsonSerializer.Deserialize(element, _typeInfo)
                    ?? throw PositionedError($"Expected a {_itemName} object, found null.", position);
            }

            var reader = new Utf8JsonReader(element, readerOptions);
            reader.Read();
            return _elementReader(ref reader, pool);
        }
        catch (JsonMemberException ex)
        {
            throw PositionedError(ex, element, position);
        }
        catch (JsonException ex) when (ex is not LabelStudioJsonException)
        {
            throw PositionedError(ex, element, position);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw PositionedError($"The {_itemName} could not be read: {ex.Message}", position, ex);
        }
    }

    // Deserializes every framed element of a batch (on a pool thread); a failure is kept at its element.
    private void Materialize(Batch batch)
    {
        var pool = RentBatchPool();
        try
        {
            MaterializeWith(batch, pool);
        }
        finally
        {
            ReturnBatchPool(pool);
        }
    }

    private void MaterializeWith(Batch batch, JsonStringPool pool)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (!MaterializeOne(batch, i, pool))
            {
                return;
            }
        }
    }

    // Deserializes one framed element of a batch; false when it failed (the error is kept at the element).
    private bool MaterializeOne(Batch batch, int index, JsonStringPool pool)
    {
        if (batch.IsReady(index))
        {
            return true;
        }

        var element = batch.Element(index);
        var position = batch.PositionOf(index);
        if (TryDeserialize(element, pool, position.MaxDepth, out var item))
        {
            batch.SetItem(index, item!);
            return true;
        }

        try
        {
            batch.SetItem(index, ReadExact(element, pool, position));
            return true;
        }
        catch (LabelStudioJsonException ex)
        {
            batch.Fail(index, ex);
            return false;
        }
    }

    private JsonStringPool RentBatchPool() => _batchPools.TryTake(out var pool) ? pool : new JsonStringPool();

    private void ReturnBatchPool(JsonStringPool pool) => _batchPools.Add(pool);

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

    private static LabelStudioJsonException PositionedError(string message, Position position, Exception? inner = null) =>
        new(message, position.Index, position.Offset, position.Line, position.Offset - position.LineStart + 1, null, inner);

    // Maps a position reported relative to the element's bytes to the stream.
    private static LabelStudioJsonException PositionedError(JsonException ex, ReadOnlySpan<byte> element, Position position)
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
        var offset = position.Offset + lineStart + inLine;
        var line = position.Line + lineInElement;
        var column = lineInElement == 0 ? position.Offset - position.LineStart + inLine + 1 : inLine + 1;
        return new LabelStudioJsonException(StripPosition(ex.Message), position.Index, offset, line, column, ex.Path, ex);
    }

    // A member error of the hand-written task reader: its offset is relative to the element.
    private static LabelStudioJsonException PositionedError(JsonMemberException ex, ReadOnlySpan<byte> element, Position position) =>
        PositionedError(ex.Message, ex.Offset, element, position, ex.Path, ex);

    // An error at an offset relative to the element's first byte.
    private static LabelStudioJsonException PositionedError(string message, long offsetInElement, ReadOnlySpan<byte> element, Position position, string? path, Exception? inner)
    {
        var inElement = (int)Math.Min(offsetInElement, element.Length);
        var before = element[..inElement];
        var lines = before.Count((byte)'\n');
        var offset = position.Offset + inElement;
        var column = lines == 0 ? offset - position.LineStart + 1 : inElement - before.LastIndexOf((byte)'\n');
        return new LabelStudioJsonException(message, position.Index, offset, position.Line + lines, column, path, inner);
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

    /// <summary>
    /// Where an element starts (its index, absolute byte offset, line and the offset its line starts at) and how deep it may
    /// nest: everything a pool thread needs to read it without looking at the framing's state.
    /// </summary>
    private readonly record struct Position(long Index, long Offset, long Line, long LineStart, int MaxDepth);

    /// <summary>
    /// Framed elements awaiting deserialization (their bytes copied out of the read buffer, with their positions), then
    /// the items. Elements the framing had to read itself arrive ready; an error ends the batch at its element.
    /// </summary>
    private sealed class Batch
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(BatchTargetBytes);
        private (int Start, int Length, Position Position)[] _elements = new (int, int, Position)[16];
        private T?[] _items = new T?[16];
        private LabelStudioJsonException? _error;
        private int _errorAt = int.MaxValue;

        public int Count { get; private set; }

        public int Length { get; private set; }

        public Task Work { get; set; } = Task.CompletedTask;

        /// <summary>The element error that stopped the batch, if one did.</summary>
        public LabelStudioJsonException? Error => _error;

        /// <summary>An error found while framing (or reading the stream): surfaces after the batch's elements.</summary>
        public Exception? TerminalError { get; set; }

        public void Add(ReadOnlySpan<byte> element, Position position)
        {
            if (Length + element.Length > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + element.Length));
                _bytes.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }

            element.CopyTo(_bytes.AsSpan(Length));
            Grow();
            _elements[Count++] = (Length, element.Length, position);
            Length += element.Length;
        }

        public void AddReady(T item, long index)
        {
            Grow();
            _items[Count] = item;
            _elements[Count++] = (0, -1, new Position(index, 0, 0, 0, 0));
        }

        public bool IsReady(int index) => _elements[index].Length < 0;

        /// <summary>The element's index in the source.</summary>
        public long IndexOf(int index) => _elements[index].Position.Index;

        /// <summary>The mapped results when the batch's work also maps its items (see ParallelItems).</summary>
        public MappedBatch? Mapped { get; set; }

        public ReadOnlySpan<byte> Element(int index) => _bytes.AsSpan(_elements[index].Start, _elements[index].Length);

        public Position PositionOf(int index) => _elements[index].Position;

        public void SetItem(int index, T item) => _items[index] = item;

        public void Fail(int index, LabelStudioJsonException error)
        {
            _error = error;
            _errorAt = index;
        }

        /// <summary>The item at <paramref name="index"/> (handed over, not kept), or the error that stopped the batch there.</summary>
        public T Take(int index)
        {
            if (index >= _errorAt)
            {
                throw _error!;
            }

            var item = _items[index]!;
            _items[index] = null;
            return item;
        }

        // An element's own error has already been thrown by Take; only the framing's error is left to surface.
        public void ThrowIfFailed()
        {
            if (TerminalError is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(TerminalError);
            }
        }

        public void Release()
        {
            var bytes = _bytes;
            _bytes = [];
            if (bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }

        private void Grow()
        {
            if (Count == _elements.Length)
            {
                Array.Resize(ref _elements, Count * 2);
                Array.Resize(ref _items, Count * 2);
            }
        }
    }

    /// <summary>
    /// The framing loop on its own task, handing batches to the consumer in order through a channel; at most a few
    /// batches are in flight, so memory stays bounded whatever the file size.
    /// </summary>
    private sealed class Pipeline : IDisposable, IAsyncDisposable
    {
        private readonly JsonArrayStreamReader<T> _owner;
        private readonly Channel<Batch> _channel = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly SemaphoreSlim _inFlight;
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<Batch, CancellationToken, Task>? _start;
        private readonly Task _producer;

        // The batch the consumer has taken and not finished: its work may still run when the consumer stops.
        private Batch? _current;

        /// <summary>Starts framing.</summary>
        /// <param name="owner">The reader.</param>
        /// <param name="synchronous">Whether the stream is read synchronously.</param>
        /// <param name="start">Starts a framed batch's work (deserializing it) on the pool; null to deserialize only.
        /// Its token is cancelled once the consumer has stopped.</param>
        public Pipeline(JsonArrayStreamReader<T> owner, bool synchronous, Func<Batch, CancellationToken, Task>? start = null)
        {
            _owner = owner;
            _start = start;
            _inFlight = new SemaphoreSlim(owner._parallelism * 2);
            _producer = Task.Run(() => ProduceAsync(synchronous, _stop.Token));
        }

        public ChannelReader<Batch> Batches => _channel.Reader;

        /// <summary>The next batch in order, if framed; it stays the pipeline's to clean up until <see cref="Finish"/>.</summary>
        public bool TryTake([NotNullWhen(true)] out Batch? batch)
        {
            if (_channel.Reader.TryRead(out batch))
            {
                _current = batch;
                return true;
            }

            return false;
        }

        /// <summary>Hands the consumed batch's memory back and lets the framing go on.</summary>
        public void Finish(Batch batch)
        {
            _current = null;
            batch.Release();
            _inFlight.Release();
            batch.ThrowIfFailed();
        }

        public Task CompleteAsync() => _producer;

        public void Dispose()
        {
            _stop.Cancel();
            WaitQuietly(_producer);
            Drain();
        }

        public async ValueTask DisposeAsync()
        {
            // Stop framing, then wait for it and for every batch still being deserialized: the caller may dispose the
            // stream as soon as this returns, and the batches' buffers go back to the pool.
            await _stop.CancelAsync().ConfigureAwait(false);
            await Ended(_producer).ConfigureAwait(false);

            // The batches' work (mapping included) is waited for without blocking a thread; it stops at its next item.
            if (_current is { } current)
            {
                await Ended(current.Work).ConfigureAwait(false);
            }

            // The framing has ended, so every batch it made is in the channel.
            while (_channel.Reader.TryRead(out var batch))
            {
                await Ended(batch.Work).ConfigureAwait(false);
                Abandon(batch);
            }

            Drain();
        }

        private static Task Ended(Task task) =>
            task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // After the consumer has stopped, what the abandoned work ends with (cancellation, an error nobody will read) no
        // longer matters; only that it has ended.
        private static void WaitQuietly(Task task) =>
            task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).GetAwaiter().GetResult();

        private void Drain()
        {
            if (_current is { } current)
            {
                _current = null;
                Abandon(current);
            }

            while (_channel.Reader.TryRead(out var batch))
            {
                Abandon(batch);
            }

            _owner.Dispose();
            _stop.Dispose();
            _inFlight.Dispose();
        }

        // A batch nobody will consume: once its work has ended, its mapping states and its memory go back.
        private static void Abandon(Batch batch)
        {
            WaitQuietly(batch.Work);
            batch.Mapped?.ReturnStates();
            batch.Release();
        }

        private async Task ProduceAsync(bool synchronous, CancellationToken cancellationToken)
        {
            Batch? batch = null;
            try
            {
                while (true)
                {
                    if (batch is null)
                    {
                        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                        batch = new Batch();
                    }

                    var step = _owner.Next(out _, batch);
                    if (step == Step.BatchFull)
                    {
                        Dispatch(batch);
                        batch = null;
                    }
                    else if (step == Step.Done)
                    {
                        Dispatch(batch);
                        batch = null;
                        break;
                    }
                    else
                    {
                        // Hand over what is framed before waiting on the stream, so a slow source still yields early.
                        if (batch.Count > 0)
                        {
                            Dispatch(batch);
                            batch = null;
                        }

                        if (synchronous)
                        {
                            _owner.Fill();
                        }
                        else
                        {
                            await _owner.FillAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A framing, stream or cancellation error surfaces after the elements framed before it.
                batch ??= new Batch();
                batch.TerminalError = ex;
                Dispatch(batch);
            }
            finally
            {
                _channel.Writer.TryComplete();
            }
        }

        private void Dispatch(Batch batch)
        {
            if (batch.Count > 0)
            {
                batch.Work = _start is null ? Task.Run(() => _owner.Materialize(batch)) : _start(batch, _stop.Token);
            }

            _channel.Writer.TryWrite(batch);
        }
    }
}
