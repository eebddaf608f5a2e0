using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Csv;

/// <summary>
/// CSV and TSV (<c>result.csv</c> for both), as the official converter writes them: one row per annotation,
/// columns sorted by code point, a data key that collides with a control name renamed <c>_data_&lt;key&gt;</c>
/// (decided over the whole export), strings quoted and numbers bare, CRLF row ends.
/// </summary>
/// <remarks>
/// The column set depends on the whole export, so the input is read once: each row is spilled to a scratch file in
/// the output folder as (column, finished CSV field) pairs while the column names are gathered, then the scratch
/// file is read once to lay the fields out under the sorted header, and deleted. Memory holds only the column
/// names and one row. Rows are formatted from the typed models, with no JSON tree per task.
/// </remarks>
public sealed class CsvExporter : IExporter
{
    private const string ScratchName = ".rows.tmp";
    private const int ProgressEvery = 256;

    // Column kinds in the scratch file: a data key (renamed _data_<key> when it collides) or any other column.
    private const byte DataColumn = 0, OtherColumn = 1;

    private static readonly JsonWriterOptions CompactRelaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Creates the CSV (comma) or TSV (tab) exporter.</summary>
    public CsvExporter(bool tabSeparated = false)
    {
        TabSeparated = tabSeparated;
    }

    /// <summary>True for TSV.</summary>
    public bool TabSeparated { get; }

    /// <inheritdoc />
    public ExportFormat Format => TabSeparated ? ExportFormat.Tsv : ExportFormat.Csv;

    /// <inheritdoc />
    public bool RequiresConfig => false;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => true;

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = ExportSchema.From(context.Config);
        var scratch = Path.Combine(context.OutputDirectory, ScratchName);
        var columns = new ColumnTable();
        foreach (var name in (ReadOnlySpan<string>)["annotation_id", "annotator", "created_at", "lead_time", "updated_at"])
        {
            columns.Id(OtherColumn, name);
        }

        try
        {
            await SpillRowsAsync(context, schema, scratch, columns, cancellationToken).ConfigureAwait(false);
            await WriteCsvAsync(context, scratch, columns, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static async Task SpillRowsAsync(ExportContext context, ExportSchema schema, string scratch, ColumnTable columns, CancellationToken cancellationToken)
    {
        // Rows are formatted on the thread pool, chunk by chunk (the column table is shared and thread-safe; column
        // ids are only keys, the header is sorted by name, so their numbering does not change the output), and
        // spilled here in task order, with each task's issues replayed at its place.
        var stream = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var pool = new System.Collections.Concurrent.ConcurrentBag<RowBuilder>();
            try
            {
                var rows = OrderedParallelMap.MapAsync(
                    context.Tasks,
                    () => new RowChunk(pool.TryTake(out var builder) ? builder : new RowBuilder(columns)),
                    (task, index, chunk, _) => new ValueTask<SpilledTask>(chunk.Add(task, index, schema)),
                    chunk => pool.Add(chunk.Rows),
                    null,
                    cancellationToken);
                long count = 0;
                await foreach (var row in rows.ConfigureAwait(false))
                {
                    context.Report.TaskRead();
                    if (count++ % ProgressEvery == 0)
                    {
                        context.Progress?.Report(count);
                    }

                    row.Report.ReplayInto(context.Report);
                    if (row.Length > 0)
                    {
                        await stream.WriteAsync(row.Rows.Written.Slice(row.Start, row.Length), cancellationToken).ConfigureAwait(false);
                    }
                }

                context.Progress?.Report(count);
            }
            finally
            {
                foreach (var builder in pool)
                {
                    builder.Dispose();
                }
            }
        }
    }

    /// <summary>One task's rows in its chunk's buffer, and what its reading reported.</summary>
    private readonly record struct SpilledTask(RowBuilder Rows, int Start, int Length, ReportSlice Report);

    /// <summary>The work state of one chunk of tasks: a row builder (pooled) and the chunk's report record.</summary>
    private sealed class RowChunk
    {
        private readonly ReportRecorder _recorder = new();
        private readonly List<TypedExportItem> _items = [];

        public RowChunk(RowBuilder rows)
        {
            rows.Reset();
            Rows = rows;
        }

        public RowBuilder Rows { get; }

        public SpilledTask Add(LabelStudioTask task, long index, ExportSchema schema)
        {
            var mark = _recorder.Mark();
            var start = Rows.Length;
            _items.Clear();
            ExportItemReader.TypedItems(task, index, schema, _recorder.Report, _items);
            foreach (var item in _items)
            {
                Rows.Add(item);
            }

            return new SpilledTask(Rows, start, Rows.Length - start, _recorder.Since(mark));
        }
    }

    private async Task WriteCsvAsync(ExportContext context, string scratch, ColumnTable columns, CancellationToken cancellationToken)
    {
        // Sorted by code point; a data key that is also an output name becomes _data_<key> (decided over the export).
        var (names, slotOf) = columns.Layout();
        var path = Path.Combine(context.OutputDirectory, "result.csv");
        var delimiter = TabSeparated ? (byte)'\t' : (byte)',';
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var line = new Utf8Buffer(1 << 17);
            for (var i = 0; i < names.Length; i++)
            {
                if (i > 0)
                {
                    Put(line, delimiter);
                }

                WriteQuoted(line, names[i]);
            }

            line.Write("\r\n"u8);
            var cells = new (int Start, int Length)[names.Length];
            var input = new FileStream(scratch, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.SequentialScan);
            await using (input.ConfigureAwait(false))
            {
                var rows = new RowReader(input);
                while (rows.Next(cells, slotOf))
                {
                    var data = rows.Row;
                    for (var i = 0; i < cells.Length; i++)
                    {
                        if (i > 0)
                        {
                            Put(line, delimiter);
                        }

                        var (start, length) = cells[i];
                        if (length < 0)
                        {
                            line.Write("\"\""u8);
                        }
                        else
                        {
                            line.Write(data.Slice(start, length));
                        }
                    }

                    line.Write("\r\n"u8);
                    context.Report.ItemsAdded();
                    if (line.WrittenCount >= 1 << 16)
                    {
                        await output.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
                        line.ResetWrittenCount();
                    }
                }
            }

            await output.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A string field: always quoted (QUOTE_NONNUMERIC), quotes doubled.</summary>
    private static void WriteQuoted(Utf8Buffer output, string text)
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

    /// <summary>Column names seen so far, numbered in first-seen order per kind; safe to use from several threads.</summary>
    private sealed class ColumnTable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int>[] _ids = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        private readonly List<string>[] _names = [[], []];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _outputNames = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public int Id(byte kind, string name)
        {
            // Names repeat on every row: the lock-free lookup is the common path.
            if (_ids[kind].TryGetValue(name, out var id))
            {
                return id;
            }

            lock (_gate)
            {
                if (!_ids[kind].TryGetValue(name, out id))
                {
                    id = _names[kind].Count;
                    _names[kind].Add(name);
                    _ids[kind][name] = id;
                }

                return id;
            }
        }

        public void OutputName(string name)
        {
            if (!_outputNames.ContainsKey(name))
            {
                _outputNames.TryAdd(name, true);
            }
        }

        // The sorted header and, per kind and id, the header slot of the column.
        public (string[] Names, int[][] SlotOf) Layout()
        {
            var data = _names[DataColumn];
            var other = _names[OtherColumn];
            var header = new SortedSet<string>(other, StringComparer.Ordinal);
            var dataNames = new string[data.Count];
            for (var i = 0; i < data.Count; i++)
            {
                dataNames[i] = _outputNames.ContainsKey(data[i]) ? "_data_" + data[i] : data[i];
                header.Add(dataNames[i]);
            }

            var names = header.ToArray();
            var slot = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                slot[names[i]] = i;
            }

            var dataSlots = new int[data.Count];
            for (var i = 0; i < data.Count; i++)
            {
                dataSlots[i] = slot[dataNames[i]];
            }

            var otherSlots = new int[other.Count];
            for (var i = 0; i < other.Count; i++)
            {
                otherSlots[i] = slot[other[i]];
            }

            return (names, [dataSlots, otherSlots]);
        }
    }

    /// <summary>
    /// Formats rows into the scratch layout: per row the number of fields, then per field its kind, column id and
    /// the finished CSV field bytes (7-bit encoded lengths).
    /// </summary>
    private sealed class RowBuilder(ColumnTable columns) : IDisposable
    {
        private readonly Utf8Buffer _buffer = new(1 << 17);
        private readonly Utf8Buffer _field = new(1 << 12);
        private readonly Utf8Buffer _json = new(1 << 12);
        private readonly ArrayBufferWriter<byte> _value = new(1 << 10);
        private readonly Utf8JsonWriter _valueWriter = new(Stream.Null, CompactRelaxed);
        private readonly Utf8JsonWriter _jsonWriter = new(Stream.Null, CompactRelaxed);
        private readonly CsvRegionWriter _regions = new();
        private readonly Dictionary<string, int>[] _ids = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        private readonly List<(byte Kind, int Id, int Start, int Length)> _fields = [];

        public int Length => _buffer.WrittenCount;

        public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

        public void Reset() => _buffer.ResetWrittenCount();

        // The shared table's ids, remembered here: a plain dictionary lookup instead of the concurrent one per field.
        private int Id(byte kind, string name)
        {
            if (!_ids[kind].TryGetValue(name, out var id))
            {
                id = columns.Id(kind, name);
                _ids[kind][name] = id;
            }

            return id;
        }

        public void Dispose()
        {
            _valueWriter.Dispose();
            _jsonWriter.Dispose();
        }

        public void Add(TypedExportItem item)
        {
            _field.ResetWrittenCount();
            _fields.Clear();
            var task = item.Task;
            foreach (var (key, value) in task.Data)
            {
                var start = _field.WrittenCount;
                DataField(value);
                _fields.Add((DataColumn, Id(DataColumn, key), start, _field.WrittenCount - start));
            }

            Other("id", task.Id);
            foreach (var (name, type, results) in item.Outputs)
            {
                columns.OutputName(name);
                var start = _field.WrittenCount;
                OutputField(type, results);
                _fields.Add((OtherColumn, Id(OtherColumn, name), start, _field.WrittenCount - start));
                if (ResultPrettifier.IsChat(type))
                {
                    OtherQuoted(name + "_transcript", ChatTranscript(results));
                }
            }

            var annotation = item.Annotation;
            OtherQuoted("annotator", AnnotatorText(annotation?.CompletedBy));
            Other("annotation_id", annotation?.Id);
            OtherQuoted("created_at", annotation?.CreatedAt?.ToString());
            OtherQuoted("updated_at", annotation?.UpdatedAt?.ToString());
            OtherFloat("lead_time", annotation?.LeadTime);
            if (task.HasAgreementMember)
            {
                OtherFloat("agreement", task.Agreement);
            }

            if (annotation?.AdditionalProperties is { } extra && extra.TryGetValue("history", out var history)
                && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0)
            {
                OtherQuoted("history", CompactJson(history));
            }

            WriteVarint(_fields.Count);
            var bytes = _field.WrittenSpan;
            foreach (var (kind, id, start, length) in _fields)
            {
                Put(_buffer, kind);
                WriteVarint(id);
                WriteVarint(length);
                _buffer.Write(bytes.Slice(start, length));
            }
        }

        private void Other(string name, long? value)
        {
            var start = _field.WrittenCount;
            if (value is { } number)
            {
                var span = _field.GetSpan(20);
                number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
                _field.Advance(written);
            }
            else
            {
                _field.Write("\"\""u8);
            }

            _fields.Add((OtherColumn, Id(OtherColumn, name), start, _field.WrittenCount - start));
        }

        // Python writes a float cell with repr: 1.0, 12.5, 1e-05.
        private void OtherFloat(string name, double? value)
        {
            var start = _field.WrittenCount;
            if (value is { } number)
            {
                ShortestDouble.TryFormatPython(number, _field.GetSpan(ShortestDouble.MaxLength), out var length);
                _field.Advance(length);
            }
            else
            {
                _field.Write("\"\""u8);
            }

            _fields.Add((OtherColumn, Id(OtherColumn, name), start, _field.WrittenCount - start));
        }

        private void OtherQuoted(string name, string? value)
        {
            var start = _field.WrittenCount;
            WriteQuoted(_field, value ?? string.Empty);
            _fields.Add((OtherColumn, Id(OtherColumn, name), start, _field.WrittenCount - start));
        }

        private void WriteAscii(string text)
        {
            var span = _field.GetSpan(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = (byte)text[i];
            }

            _field.Advance(text.Length);
        }

        /// <summary>Data values: objects and lists as JSON, strings quoted, numbers as Python prints them.</summary>
        private void DataField(JsonNode? value)
        {
            switch (value)
            {
                case JsonObject or JsonArray:
                    WriteQuoted(_field, ResultPrettifier.ToCompactJson(value));
                    break;
                case JsonValue scalar:
                    ScalarField(scalar);
                    break;
                default:
                    _field.Write("\"\""u8);
                    break;
            }
        }

        private void ScalarField(JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    WriteQuoted(_field, scalar.GetValue<string>());
                    break;
                case JsonValueKind.Number:
                    WriteAscii(PythonNumber(scalar.ToJsonString()));
                    break;
                case JsonValueKind.True:
                    _field.Write("True"u8);
                    break;
                case JsonValueKind.False:
                    _field.Write("False"u8);
                    break;
                default:
                    _field.Write("\"\""u8);
                    break;
            }
        }

        /// <summary>
        /// A control's regions as the official converter prettifies them: a single one-choice Choices or one-text
        /// TextArea result is that value, anything else the JSON list of the values (type removed, original size
        /// added).
        /// </summary>
        private void OutputField(string type, List<Result> results)
        {
            if (results.Count == 1 && (type == "Choices" || type == "TextArea") && SingleText(type, results[0].Value) is { } single)
            {
                WriteQuoted(_field, single);
                return;
            }

            var rare = ResultPrettifier.IsChat(type) || type == "Choices" || type == "TextArea";
            if (!rare && CsvRegionWriter.CanWrite(results))
            {
                _regions.Write(_field, results);
                return;
            }

            if (rare || !ExportItemReader.AllPlainValues(results))
            {
                // Rare shapes: the JSON-tree prettifier is the reference.
                var values = new List<JsonObject>(results.Count);
                foreach (var result in results)
                {
                    values.Add(ExportItemReader.ValueObject(result, type));
                }

                var pretty = ResultPrettifier.Prettify(values);
                WriteQuoted(_field, pretty is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : ResultPrettifier.ToCompactJson(pretty));
                return;
            }

            _json.ResetWrittenCount();
            var writer = _jsonWriter;
            writer.Reset(_json);
            writer.WriteStartArray();
            foreach (var result in results)
            {
                ExportItemReader.WriteValueObject(writer, result, _value, _valueWriter);
            }

            writer.WriteEndArray();
            writer.Flush();

            WriteQuotedUtf8(_field, _json.WrittenSpan);
        }

        private static string? SingleText(string type, ResultValue? value) => (type, value) switch
        {
            ("Choices", ChoicesValue { Choices.Count: 1, AdditionalProperties: null } choices) => choices.Choices[0],
            ("TextArea", TextAreaValue { Text: { Count: 1 } text, AdditionalProperties: null }) => text[0],
            _ => null,
        };

        private void WriteVarint(int value)
        {
            var v = (uint)value;
            while (v >= 0x80)
            {
                Put(_buffer, (byte)(v | 0x80));
                v >>= 7;
            }

            Put(_buffer, (byte)v);
        }
    }

    /// <summary>Reads the scratch rows back, one at a time, over a growing buffer.</summary>
    private sealed class RowReader(Stream input)
    {
        private byte[] _buffer = new byte[1 << 17];
        private int _start;
        private int _end;
        private int _previous;
        private bool _eof;

        /// <summary>The bytes of the row last returned by <see cref="Next"/>; cell offsets are relative to it.</summary>
        public ReadOnlySpan<byte> Row => _buffer.AsSpan(_start, _end - _start);

        // Fills cells with the next row's fields; a length of -1 marks a missing cell (written "").
        public bool Next((int Start, int Length)[] cells, int[][] slotOf)
        {
            _start += _previous;
            _previous = 0;
            while (true)
            {
                Array.Fill(cells, (0, -1));
                if (TryParse(_buffer.AsSpan(_start, _end - _start), cells, slotOf, out var consumed))
                {
                    _previous = consumed;
                    return true;
                }

                if (_eof)
                {
                    return _end - _start == 0 ? false : throw new InvalidDataException("The CSV scratch file is truncated.");
                }

                Fill();
            }
        }

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = input.Read(_buffer, _end, _buffer.Length - _end);
            _eof = read == 0;
            _end += read;
        }

        private static bool TryParse(ReadOnlySpan<byte> span, (int Start, int Length)[] cells, int[][] slotOf, out int consumed)
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
    }

    private static void Put(Utf8Buffer output, byte value) => output.Put(value);

    private static void WriteQuotedUtf8(Utf8Buffer output, ReadOnlySpan<byte> text)
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

    /// <summary>A JSON number as Python prints what it parsed: integers as written, floats with repr.</summary>
    private static string PythonNumber(string json) =>
        json.AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? json : PythonFloat.Format(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture));

    private static string AnnotatorText(JsonNode? completedBy) => AnnotationFields.AnnotatorOf(completedBy) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => string.Empty,
    };

    private static string ChatTranscript(List<Result> results)
    {
        var values = new List<JsonObject>(results.Count);
        foreach (var result in results)
        {
            values.Add(ExportItemReader.ValueObject(result, "chatmessage"));
        }

        return ResultPrettifier.Transcript(values);
    }

    private static string CompactJson(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CompactRelaxed))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
