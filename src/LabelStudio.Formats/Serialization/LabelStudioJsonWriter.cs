using System.Text.Json;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Writes a JSON export (an array of tasks) to a stream one task at a time, flushing as it goes so memory
/// stays flat. Call <see cref="CompleteAsync"/> to close the array; disposing without it leaves the output
/// unterminated on purpose, so an interrupted export is never mistaken for a complete one.
/// </summary>
public sealed class LabelStudioJsonWriter : IAsyncDisposable, IDisposable
{
    private readonly Utf8JsonWriter _writer;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly int _flushThreshold;
    private bool _started;
    private bool _completed;

    /// <summary>Creates a writer.</summary>
    /// <param name="utf8Json">Destination; not disposed by the writer.</param>
    /// <param name="options">Output options; defaults when <see langword="null"/>.</param>
    public LabelStudioJsonWriter(Stream utf8Json, LabelStudioJsonWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        options ??= new LabelStudioJsonWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlushThreshold, 1);
        _serializerOptions = options.Indented ? LabelStudioJson.IndentedOptions : LabelStudioJson.Options;
        _flushThreshold = options.FlushThreshold;
        _writer = new Utf8JsonWriter(utf8Json, new JsonWriterOptions
        {
            Indented = options.Indented,
            Encoder = _serializerOptions.Encoder,
            SkipValidation = false,
        });
    }

    /// <summary>Number of tasks written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends a task.</summary>
    /// <param name="task">The task.</param>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task completing when the task is buffered (and flushed if the buffer was full).</returns>
    public async Task WriteAsync(LabelStudioTask task, CancellationToken cancellationToken = default)
    {
        WriteCore(task);
        if (_writer.BytesPending >= _flushThreshold)
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a task synchronously.</summary>
    /// <param name="task">The task.</param>
    public void Write(LabelStudioTask task)
    {
        WriteCore(task);
        if (_writer.BytesPending >= _flushThreshold)
        {
            _writer.Flush();
        }
    }

    /// <summary>Closes the array and flushes everything to the stream.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task completing when flushed.</returns>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        CompleteCore();
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the array and flushes everything to the stream synchronously.</summary>
    public void Complete()
    {
        CompleteCore();
        _writer.Flush();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteCore(LabelStudioTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ObjectDisposedException.ThrowIf(_completed, this);
        Start();
        JsonSerializer.Serialize(_writer, task, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<LabelStudioTask>)_serializerOptions.GetTypeInfo(typeof(LabelStudioTask)));
        Count++;
    }

    private void CompleteCore()
    {
        if (_completed)
        {
            return;
        }

        Start();
        _writer.WriteEndArray();
        _completed = true;
    }

    private void Start()
    {
        if (!_started)
        {
            _writer.WriteStartArray();
            _started = true;
        }
    }
}
