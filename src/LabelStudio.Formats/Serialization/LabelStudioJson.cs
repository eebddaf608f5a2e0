using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads and writes Label Studio JSON: whole exports as streams (one task at a time, memory stays flat), single
/// tasks, annotations and predictions as REST bodies. Reads are lossless: writing back what was read gives the
/// same JSON values (unknown members, explicit nulls and empty lists included).
/// </summary>
public static class LabelStudioJson
{
    private static readonly LabelStudioJsonReaderOptions DefaultReaderOptions = new();

    /// <summary>
    /// The contract resolver of every model (source-generated, AOT-safe), with the presence tracking that makes
    /// round trips lossless. Combine it with your own context to serialize the models inside your types.
    /// </summary>
    public static IJsonTypeInfoResolver TypeInfoResolver { get; } =
        LabelStudioJsonContext.Default.WithAddedModifier(JsonPresence.Apply);

    /// <summary>
    /// Read-only serializer options for the models: <see cref="TypeInfoResolver"/>, non-ASCII text written as is
    /// (as Label Studio does), depth limit 64.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    internal static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    /// <summary>Reads the tasks of a JSON export (an array of tasks, or one task object) one at a time.</summary>
    /// <param name="utf8Json">The export, UTF-8; read forward only, not disposed.</param>
    /// <param name="options">Limits; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tasks in file order.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed, truncated, too deep, or a task does not
    /// have the expected shape; the exception names the task index and byte offset.</exception>
    public static IAsyncEnumerable<LabelStudioTask> ReadTasksAsync(Stream utf8Json, LabelStudioJsonReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return CreateTaskReader(utf8Json, options).ReadAllAsync(cancellationToken);
    }

    /// <summary>Reads the tasks of a JSON export synchronously, one at a time.</summary>
    /// <param name="utf8Json">The export, UTF-8; read forward only, not disposed.</param>
    /// <param name="options">Limits; defaults when <see langword="null"/>.</param>
    /// <returns>The tasks in file order.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed; see <see cref="ReadTasksAsync"/>.</exception>
    public static IEnumerable<LabelStudioTask> ReadTasks(Stream utf8Json, LabelStudioJsonReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return CreateTaskReader(utf8Json, options).ReadAll();
    }

    /// <summary>Reads the records of a <c>JSON_MIN</c> export one at a time.</summary>
    /// <param name="utf8Json">The export, UTF-8; read forward only, not disposed.</param>
    /// <param name="options">Limits; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records in file order.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed; the exception names the record index and byte offset.</exception>
    public static async IAsyncEnumerable<JsonMinRecord> ReadJsonMinAsync(Stream utf8Json, LabelStudioJsonReaderOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var reader = CreateReader(utf8Json, JsonObjectTypeInfo, options, allowSingleObject: false, "record");
        await foreach (var record in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new JsonMinRecord(record);
        }
    }

    /// <summary>Writes tasks as a JSON export (an array), streaming.</summary>
    /// <param name="utf8Json">Destination; not disposed.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="options">Output options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing when everything is flushed.</returns>
    public static async Task WriteTasksAsync(Stream utf8Json, IAsyncEnumerable<LabelStudioTask> tasks, LabelStudioJsonWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(tasks);
        var writer = new LabelStudioJsonWriter(utf8Json, options);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var task in tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(task, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes tasks as a JSON export file. The file appears complete or not at all: the tasks go to a temporary
    /// file next to it, which replaces <paramref name="path"/> only when every task was written.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="options">Output options; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task completing when the file is in place.</returns>
    public static async Task WriteTasksToFileAsync(string path, IAsyncEnumerable<LabelStudioTask> tasks, LabelStudioJsonWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tasks);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await WriteTasksAsync(stream, tasks, options, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads one task (a REST body or one element of an export).</summary>
    /// <param name="utf8Json">The JSON, UTF-8.</param>
    /// <returns>The task.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed or not a task.</exception>
    public static LabelStudioTask DeserializeTask(ReadOnlySpan<byte> utf8Json)
    {
        // A well-formed task in the usual forms is read without the tokenizer, as the export readers read each element;
        // the fast reader gives up on anything else (whitespace inside is fine, comments, escaped names, duplicates,
        // nesting at the limit...) and the exact reader then reads it, or reports the error where it is.
        var element = utf8Json.Trim(JsonWhitespace);
        if (!element.IsEmpty && element[0] == (byte)'{')
        {
            // Taken out while in use, so a nested call (none today) would get its own.
            var pool = _taskPool ?? new JsonStringPool();
            _taskPool = null;
            var read = FastTaskReader.TryRead(element, pool, Options.MaxDepth, SkippedTaskMembers.None, out var task);
            _taskPool = pool;
            if (read)
            {
                return task!;
            }
        }

        return DeserializeTaskExact(utf8Json);
    }

    /// <summary><see cref="DeserializeTask"/> by the exact reader alone (the reference the fast path is tested against).</summary>
    internal static LabelStudioTask DeserializeTaskExact(ReadOnlySpan<byte> utf8Json)
    {
        // The hand-written reader directly (the serializer would replace a member's path with "$").
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return DeserializeOne(utf8Json, TaskTypeInfo);
            }

            var task = TaskConverter.ReadTask(ref reader, Options, null);
            if (reader.Read())
            {
                return DeserializeOne(utf8Json, TaskTypeInfo);
            }

            RefuseUnpairedSurrogates(utf8Json);
            return task;
        }
        catch (JsonMemberException ex)
        {
            throw PositionedAt(ex.Message, utf8Json, (int)Math.Min(ex.Offset, utf8Json.Length), ex.Path, ex);
        }
        catch (Exception ex) when (ex is JsonException and not LabelStudioJsonException || ex is InvalidOperationException)
        {
            // Malformed JSON, or a string the tokenizer let through that cannot be decoded (invalid UTF-8, an unpaired
            // surrogate escape in a member name): the serializer's pass reports it with its position.
            return DeserializeOne(utf8Json, TaskTypeInfo);
        }
    }

    /// <summary>Reads one annotation (a REST body).</summary>
    /// <param name="utf8Json">The JSON, UTF-8.</param>
    /// <returns>The annotation.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed or not an annotation.</exception>
    public static Annotation DeserializeAnnotation(ReadOnlySpan<byte> utf8Json) => DeserializeOne(utf8Json, TypeInfo<Annotation>());

    /// <summary>Reads one prediction (a REST body).</summary>
    /// <param name="utf8Json">The JSON, UTF-8.</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed or not a prediction.</exception>
    public static Prediction DeserializePrediction(ReadOnlySpan<byte> utf8Json) => DeserializeOne(utf8Json, TypeInfo<Prediction>());

    /// <summary>Reads one result (region).</summary>
    /// <param name="utf8Json">The JSON, UTF-8.</param>
    /// <returns>The result.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed or not a result.</exception>
    public static Result DeserializeResult(ReadOnlySpan<byte> utf8Json) => DeserializeOne(utf8Json, TypeInfo<Result>());

    /// <summary>Writes a task as compact JSON.</summary>
    /// <param name="task">The task.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(LabelStudioTask task) => JsonSerializer.SerializeToUtf8Bytes(task, TaskTypeInfo);

    /// <summary>Writes an annotation as compact JSON.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(Annotation annotation) => JsonSerializer.SerializeToUtf8Bytes(annotation, TypeInfo<Annotation>());

    /// <summary>Writes a prediction as compact JSON.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(Prediction prediction) => JsonSerializer.SerializeToUtf8Bytes(prediction, TypeInfo<Prediction>());

    /// <summary>Writes a result as compact JSON.</summary>
    /// <param name="result">The result.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(Result result) => JsonSerializer.SerializeToUtf8Bytes(result, TypeInfo<Result>());

    internal static JsonTypeInfo<LabelStudioTask> TaskTypeInfo { get; } = TypeInfo<LabelStudioTask>();

    // One string pool per thread for DeserializeTask: a new pool is about 10 KB, which made a small body three times
    // slower than the exact reader (benchmarks/README.md). A scratch cache, not state: the fast reader returns the same
    // task whatever the pool read before (FastReaderOracle's pooled checks), and only strings it would intern anyway
    // are kept, at most 512 of up to 64 bytes per thread.
    [ThreadStatic]
    private static JsonStringPool? _taskPool;

    // JSON's four whitespace bytes (RFC 8259), the only bytes allowed around a document.
    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private static JsonTypeInfo<JsonObject> JsonObjectTypeInfo { get; } = TypeInfo<JsonObject>();

    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    // Tasks are read by the hand-written converter directly, with a string pool (one per thread at a time) for the names
    // and labels every task repeats.
    private static JsonArrayStreamReader<LabelStudioTask> CreateTaskReader(Stream stream, LabelStudioJsonReaderOptions? options)
    {
        options ??= DefaultReaderOptions;
        return new(stream, TaskTypeInfo, options, allowSingleObject: true, "task", TaskElementReader(options.SkippedTaskMembers), fastElementReader: FastTaskElementReader(options));
    }

    internal static JsonArrayStreamReader<LabelStudioTask> CreateTaskListReader(Stream stream, LabelStudioJsonReaderOptions options, TaskListEnvelopeState envelope) =>
        new(stream, TaskTypeInfo, options, allowSingleObject: false, "task", TaskElementReader(options.SkippedTaskMembers), envelope, FastTaskElementReader(options));

    private static JsonArrayStreamReader<LabelStudioTask>.ElementReader TaskElementReader(SkippedTaskMembers skipped) =>
        skipped == SkippedTaskMembers.None
            ? static (ref Utf8JsonReader reader, JsonStringPool pool) => TaskConverter.ReadTask(ref reader, Options, pool)
            : (ref Utf8JsonReader reader, JsonStringPool pool) => TaskConverter.ReadTask(ref reader, Options, pool, skipped);

    // Well-formed tasks in the usual forms are read without the tokenizer; the others by the element reader above.
    private static JsonArrayStreamReader<LabelStudioTask>.FastElementReader? FastTaskElementReader(LabelStudioJsonReaderOptions options)
    {
        if (options.DisableFastTaskReader)
        {
            return null;
        }

        var skipped = options.SkippedTaskMembers;
        return (ReadOnlySpan<byte> element, JsonStringPool pool, int maxDepth, [NotNullWhen(true)] out LabelStudioTask? task) =>
            FastTaskReader.TryRead(element, pool, maxDepth, skipped, out task);
    }

    private static JsonArrayStreamReader<T> CreateReader<T>(Stream stream, JsonTypeInfo<T> typeInfo, LabelStudioJsonReaderOptions? options, bool allowSingleObject, string itemName)
        where T : class =>
        new(stream, typeInfo, options ?? DefaultReaderOptions, allowSingleObject, itemName);

    private static T DeserializeOne<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        T value;
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, typeInfo)
                ?? throw new LabelStudioJsonException($"Expected a JSON object, found null.", null, 0, 1, 1, null, null);
        }
        catch (JsonException ex) when (ex is not LabelStudioJsonException)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var offset = OffsetOf(utf8Json, ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            var message = ex.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            return ThrowPositioned<T>(cut >= 0 ? message[..cut] : message, offset, line, column, ex);
        }

        RefuseUnpairedSurrogates(utf8Json);
        return value;
    }

    // Valid JSON, but a string no writer can write back (see JsonEscapes): refused where it is, not later mid-export.
    private static void RefuseUnpairedSurrogates(ReadOnlySpan<byte> utf8Json)
    {
        var at = JsonEscapes.FindUnpairedSurrogate(utf8Json);
        if (at >= 0)
        {
            throw PositionedAt(JsonEscapes.UnpairedSurrogateMessage, utf8Json, at, null, null);
        }
    }

    private static LabelStudioJsonException PositionedAt(string message, ReadOnlySpan<byte> utf8Json, int at, string? path, Exception? inner)
    {
        var before = utf8Json[..at];
        var line = before.Count((byte)'\n');
        var column = at - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new LabelStudioJsonException(message, null, at, line + 1, column, path, inner);
    }

    private static T ThrowPositioned<T>(string message, long offset, long line, long column, JsonException ex) =>
        throw new LabelStudioJsonException(message, null, offset, line, column, ex.Path, ex);

    private static long OffsetOf(ReadOnlySpan<byte> json, long line, long inLine)
    {
        var start = 0;
        for (var i = 0L; i < line; i++)
        {
            var next = json[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        return start + inLine;
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = LabelStudioJsonContext.Default.WithAddedModifier(JsonPresence.Apply),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 64,
            WriteIndented = indented,

            // A null where the model never holds one ("annotations": null) is a positioned error, not a null list.
            RespectNullableAnnotations = true,
            Converters = { new FiniteDoubleConverter() },
        };
        options.MakeReadOnly();
        return options;
    }
}
