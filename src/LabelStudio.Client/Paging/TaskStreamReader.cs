using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Paging;

/// <summary>
/// Reads the tasks of one task-list answer straight from the response stream, one at a time, over a pooled buffer:
/// either the Data Manager envelope <c>{"tasks": [...], "total": n, "total_annotations": n, ...}</c> (members in any
/// order) or a plain array. Each task is checked complete and then deserialized from its exact bytes with the Formats
/// models' contract, so memory holds one task and the buffer, not the page, and every error names the task index and
/// the byte offset in the answer. Numeric members of the envelope are collected as totals; other members are skipped.
/// </summary>
internal sealed class TaskStreamReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly Stream _stream;
    private readonly int _maxTaskBytes;
    private readonly string _source;
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private JsonReaderState _state = new(ReaderOptions);
    private Mode _mode;
    private string? _property;
    private long _index;

    public TaskStreamReader(Stream stream, string source, int maxTaskBytes = 256 * 1024 * 1024)
    {
        _stream = stream;
        _source = source;
        _maxTaskBytes = maxTaskBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    private enum Mode
    {
        Start,
        Envelope,
        EnvelopeValue,
        Tasks,
        PlainArray,
        AfterEnd,
        Done,
    }

    private enum Step
    {
        Item,
        NeedMore,
        Done,
    }

    /// <summary>Whether the answer was the Data Manager envelope (rather than a plain array).</summary>
    public bool IsEnvelope { get; private set; }

    /// <summary>Whether the envelope held a <c>tasks</c> member.</summary>
    public bool SawTasks { get; private set; }

    /// <summary>Tasks read so far.</summary>
    public long Count => _index;

    /// <summary>The envelope's integer members (<c>total</c>, <c>total_annotations</c>, <c>total_predictions</c>, ...), complete once the read ends.</summary>
    public IReadOnlyDictionary<string, long> Totals => _totals;

    /// <summary>The envelope's <c>total</c>, once read.</summary>
    public long? Total => _totals.TryGetValue("total", out var total) ? total : null;

    public async IAsyncEnumerable<LabelStudioTask> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var step = Next(out var task);
                if (step == Step.Item)
                {
                    yield return task!;
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

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            // Keep only the unread bytes, at the front.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxTaskBytes)
            {
                throw Error($"A task is larger than {_maxTaskBytes} bytes.", _mode == Mode.Tasks || _mode == Mode.PlainArray ? _index : null, 0);
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

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

    private Step Next(out LabelStudioTask? task)
    {
        task = null;
        while (true)
        {
            if (_mode == Mode.Done)
            {
                return Step.Done;
            }

            if (_mode == Mode.Start && _eof && _buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                throw Error("The answer is empty: expected a task list ('{\"tasks\": [...]}' or '[...]').", null, 0);
            }

            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            try
            {
                if (!reader.Read())
                {
                    if (!_eof)
                    {
                        return Step.NeedMore;
                    }

                    if (_mode == Mode.AfterEnd)
                    {
                        _mode = Mode.Done;
                        return Step.Done;
                    }

                    throw Error(_mode == Mode.Start
                        ? "The answer is empty: expected a task list ('{\"tasks\": [...]}' or '[...]')."
                        : "The answer ends early: the task list is truncated.", null, 0);
                }

                switch (_mode)
                {
                    case Mode.Start:
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            IsEnvelope = true;
                            _mode = Mode.Envelope;
                        }
                        else if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            _mode = Mode.PlainArray;
                        }
                        else
                        {
                            throw Error($"Expected a task list ('{{\"tasks\": [...]}}' or '[...]'), found {reader.TokenType}.", null, reader.TokenStartIndex);
                        }

                        Commit(ref reader);
                        break;

                    case Mode.Envelope:
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            _mode = Mode.AfterEnd;
                        }
                        else
                        {
                            _property = reader.GetString();
                            _mode = Mode.EnvelopeValue;
                        }

                        Commit(ref reader);
                        break;

                    case Mode.EnvelopeValue:
                        if (_property == "tasks" && reader.TokenType == JsonTokenType.StartArray)
                        {
                            SawTasks = true;
                            _mode = Mode.Tasks;
                        }
                        else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            if (_property == "tasks")
                            {
                                throw Error($"Expected the 'tasks' member to be an array, found {reader.TokenType}.", null, reader.TokenStartIndex);
                            }

                            if (!reader.TrySkip())
                            {
                                return Step.NeedMore;
                            }

                            _mode = Mode.Envelope;
                        }
                        else
                        {
                            if (reader.TokenType == JsonTokenType.Number && _property is not null && reader.TryGetInt64(out var number))
                            {
                                _totals[_property] = number;
                            }

                            _mode = Mode.Envelope;
                        }

                        Commit(ref reader);
                        break;

                    case Mode.Tasks:
                    case Mode.PlainArray:
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _mode = _mode == Mode.Tasks ? Mode.Envelope : Mode.AfterEnd;
                            Commit(ref reader);
                            break;
                        }

                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw Error($"Expected a task object ('{{'), found {reader.TokenType}.", _index, reader.TokenStartIndex);
                        }

                        var elementStart = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            if (_end - _start >= _maxTaskBytes)
                            {
                                throw Error($"The task is larger than {_maxTaskBytes} bytes.", _index, elementStart);
                            }

                            return Step.NeedMore;
                        }

                        var length = (int)reader.BytesConsumed - elementStart;
                        task = Deserialize(_buffer.AsSpan(_start + elementStart, length), elementStart);
                        Commit(ref reader);
                        _index++;
                        return Step.Item;

                    default:
                        throw Error($"Unexpected data after the end of the task list: {reader.TokenType}.", null, reader.TokenStartIndex);
                }
            }
            catch (JsonException ex) when (ex is not LabelStudioJsonException)
            {
                var index = _mode is Mode.Tasks or Mode.PlainArray ? _index : (long?)null;
                throw Error(ex.Message, index, reader.BytesConsumed, ex);
            }
        }
    }

    private LabelStudioTask Deserialize(ReadOnlySpan<byte> element, long relativeStart)
    {
        try
        {
            return LabelStudioJson.DeserializeTask(element);
        }
        catch (LabelStudioJsonException ex)
        {
            throw Error(ex.Reason ?? ex.Message, _index, relativeStart + ex.ByteOffset, ex, ex.Path);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw Error("The task could not be read: " + ex.Message, _index, relativeStart, ex);
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private LabelStudioJsonException Error(string message, long? index, long relativeOffset, Exception? inner = null, string? path = null)
    {
        var offset = _bufferOffset + _start + relativeOffset;

        // Line and column are not tracked (API answers are one line); the byte offset locates the problem.
        return new LabelStudioJsonException($"{_source}: {message}", index, offset, 1, offset + 1, path, inner);
    }
}
