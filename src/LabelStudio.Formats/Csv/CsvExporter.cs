using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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
/// The column set depends on the whole export, so the rows go to a scratch file in the output folder first. They are
/// rendered on the thread pool straight into the column layout known at the time (a row with a column that layout
/// lacks is kept loose: its fields with their column ids). The scratch file starts with the header of the layout the
/// first rows were laid out in; when the export ends with that same layout, the scratch file is renamed to
/// <c>result.csv</c> as it is. Otherwise it is read once to lay every row out under the final header. Memory holds
/// the column names, the first megabyte of rows and one chunk of rows per worker. Rows are formatted from the typed
/// models, with no JSON tree per task.
/// </remarks>
public sealed class CsvExporter : IExporter
{
    private const string ScratchName = ".rows.tmp";
    private const int ProgressEvery = 256;

    // How often the spill loop may publish a new layout to the workers; beyond it (an export whose columns keep
    // changing) rows stay loose and are laid out at the end, so the work stays linear.
    private const int MaxLayouts = 64;

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

    /// <summary>
    /// How many bytes of rows are held before the scratch file's header is chosen (the columns of the first rows
    /// decide it); tests lower it to take the rewriting path.
    /// </summary>
    internal int LeadingBytes { get; init; } = 1 << 20;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => true;

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = ExportSchema.From(context.Config);
        var scratch = Path.Combine(context.OutputDirectory, ScratchName);
        var path = Path.Combine(context.OutputDirectory, "result.csv");
        var columns = new CsvColumnTable(TabSeparated ? (byte)'\t' : (byte)',');
        foreach (var name in (ReadOnlySpan<string>)["annotation_id", "annotator", "created_at", "lead_time", "updated_at"])
        {
            columns.Id(CsvColumnTable.OtherColumn, name);
        }

        columns.Publish();
        try
        {
            var spill = await SpillRowsAsync(context, schema, scratch, columns, cancellationToken).ConfigureAwait(false);
            var final = columns.Layout();
            if (spill.IsLaidOutIn(final))
            {
                File.Move(scratch, path);
            }
            else
            {
                await RewriteAsync(scratch, path, spill, final, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private async Task<Spill> SpillRowsAsync(ExportContext context, ExportSchema schema, string scratch, CsvColumnTable columns, CancellationToken cancellationToken)
    {
        // Rows are formatted on the thread pool, chunk by chunk (the column table is shared and thread-safe; column
        // ids are only keys, the header is sorted by name, so their numbering does not change the output), and
        // spilled here in task order, with each task's issues replayed at its place.
        // Written synchronously from this loop through a large buffer: a page-cache write of a megabyte is short, and
        // an asynchronous file write on Unix is a thread-pool hop per buffer flush.
        var stream = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.None);
        await using (stream.ConfigureAwait(false))
        {
            var spill = new Spill(stream, columns, LeadingBytes);
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
                    if (row.Layout is null && spill.Layouts < MaxLayouts && columns.Version != columns.Published.Version)
                    {
                        // A row with columns the workers' layout lacks: later rows can be rendered with them.
                        columns.Publish();
                        spill.Layouts++;
                    }

                    if (row.Length > 0)
                    {
                        spill.Add(row.Rows.Written.Span.Slice(row.Start, row.Length), row.Layout);
                    }
                }

                context.Progress?.Report(count);
                spill.End();
                return spill;
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

    /// <summary>Lays the scratch file's rows out under the final header, into <c>result.csv</c>.</summary>
    private static async Task RewriteAsync(string scratch, string path, Spill spill, CsvLayout final, CancellationToken cancellationToken)
    {
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var line = new Utf8Buffer(1 << 17);
            line.Write(final.Header);
            var cells = new (int Start, int Length)[final.Width];
            var input = new FileStream(scratch, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.SequentialScan);
            await using (input.ConfigureAwait(false))
            {
                var reader = new ScratchReader(input);
                var segments = spill.Segments;
                for (var i = 0; i < segments.Count; i++)
                {
                    var (offset, layout) = segments[i];
                    var end = i + 1 < segments.Count ? segments[i + 1].Offset : spill.Length;
                    var copy = layout is not null && layout.SameAs(final);
                    var map = layout is not null && !copy ? CsvRows.SlotMap(layout, final) : null;
                    reader.Start(offset, end);
                    while (reader.Fill())
                    {
                        var available = reader.Available;
                        var consumed = copy ? Copy(available, line)
                            : layout is null ? CsvRows.LayOutLoose(available, final, line, cells)
                            : CsvRows.Relayout(available, layout, map!, final, line, cells);
                        reader.Consume(consumed);
                        if (line.WrittenCount >= 1 << 16)
                        {
                            await output.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
                            line.ResetWrittenCount();
                        }
                    }

                    if (reader.Available.Length > 0)
                    {
                        throw new InvalidDataException($"The CSV scratch file ends segment {i} with a partial row.");
                    }
                }
            }

            await output.WriteAsync(line.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int Copy(ReadOnlySpan<byte> block, Utf8Buffer output)
    {
        output.Write(block);
        return block.Length;
    }

    /// <summary>One task's rows in its chunk's buffer: laid out in <paramref name="Layout"/>, or loose when null.</summary>
    private readonly record struct SpilledTask(RowBuilder Rows, int Start, int Length, CsvLayout? Layout, ReportSlice Report);

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

            _recorder.Report.ItemsAdded(_items.Count);
            var layout = Rows.Emit();
            return new SpilledTask(Rows, start, Rows.Length - start, layout, _recorder.Since(mark));
        }
    }

    /// <summary>
    /// Formats one task's rows into its chunk's buffer: laid out in the published layout when it has every column
    /// the rows use, loose otherwise (see <see cref="CsvRows"/>).
    /// </summary>
    private sealed class RowBuilder(CsvColumnTable columns) : IDisposable
    {
        // A field of a control's output: an other column whose name renames a data key of that name.
        private const byte OutputColumn = 2;

        private readonly Utf8Buffer _buffer = new(1 << 17);
        private readonly Utf8Buffer _field = new(1 << 12);
        private readonly Utf8Buffer _json = new(1 << 12);
        private readonly ArrayBufferWriter<byte> _value = new(1 << 10);
        private readonly Utf8JsonWriter _valueWriter = new(Stream.Null, CompactRelaxed);
        private readonly Utf8JsonWriter _jsonWriter = new(Stream.Null, CompactRelaxed);

        // Made when a JSON cell first needs ujson's text.
        private Utf8Buffer? _ujson;
        private readonly CsvRegionWriter _regions = new();
        private readonly Dictionary<string, int>[] _ids = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
        private readonly List<(byte Kind, int Id, int Start, int Length)> _fields = [];
        private readonly List<int> _rowEnds = [];

        // The ids of the columns every row has, asked of the table once; and the last control names met, matched
        // by reference (the reader pools them) before the dictionary is asked.
        private readonly int[] _fixed = [-1, -1, -1, -1, -1, -1, -1, -1];
        private readonly (string? Name, int Id)[] _recentOutputs = new (string?, int)[8];
        private int _nextRecent;
        private (int Start, int Length)[] _cells = [];

        public int Length => _buffer.WrittenCount;

        public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

        public void Reset() => _buffer.ResetWrittenCount();

        // The shared table's ids, remembered here: a plain dictionary lookup instead of the concurrent one per field.
        private int Id(byte kind, string name)
        {
            if (!_ids[kind].TryGetValue(name, out var id))
            {
                id = kind == OutputColumn ? columns.OutputId(name) : columns.Id(kind, name);
                _ids[kind][name] = id;
            }

            return id;
        }

        private int Fixed(int which, string name)
        {
            var id = _fixed[which];
            return id >= 0 ? id : _fixed[which] = Id(CsvColumnTable.OtherColumn, name);
        }

        private int OutputId(string name)
        {
            foreach (var (recent, id) in _recentOutputs)
            {
                if (ReferenceEquals(recent, name))
                {
                    return id;
                }
            }

            var found = Id(OutputColumn, name);
            _recentOutputs[_nextRecent] = (name, found);
            _nextRecent = (_nextRecent + 1) % _recentOutputs.Length;
            return found;
        }

        public void Dispose()
        {
            _valueWriter.Dispose();
            _jsonWriter.Dispose();
        }

        /// <summary>Writes the rows added since the last call; returns the layout they are in, null when loose.</summary>
        public CsvLayout? Emit()
        {
            var layout = columns.Published;
            var laidOut = !layout.Ambiguous && Covers(layout);
            var data = _field.WrittenSpan;
            var first = 0;
            foreach (var end in _rowEnds)
            {
                if (laidOut)
                {
                    if (_cells.Length < layout.Width)
                    {
                        _cells = new (int, int)[layout.Width];
                    }

                    var cells = _cells.AsSpan(0, layout.Width);
                    cells.Fill(CsvRows.Missing);
                    for (var i = first; i < end; i++)
                    {
                        var (kind, id, start, length) = _fields[i];
                        cells[layout.SlotOf[kind == OutputColumn ? CsvColumnTable.OtherColumn : kind][id]] = (start, length);
                    }

                    CsvRows.WriteRow(_buffer, data, cells, layout.Delimiter);
                }
                else
                {
                    CsvRows.WriteVarint(_buffer, end - first);
                    for (var i = first; i < end; i++)
                    {
                        var (kind, id, start, length) = _fields[i];
                        _buffer.Put(kind == OutputColumn ? CsvColumnTable.OtherColumn : kind);
                        CsvRows.WriteVarint(_buffer, id);
                        CsvRows.WriteVarint(_buffer, length);
                        _buffer.Write(data.Slice(start, length));
                    }
                }

                first = end;
            }

            _field.ResetWrittenCount();
            _fields.Clear();
            _rowEnds.Clear();
            return laidOut ? layout : null;
        }

        private bool Covers(CsvLayout layout)
        {
            var data = layout.SlotOf[CsvColumnTable.DataColumn].Length;
            var other = layout.SlotOf[CsvColumnTable.OtherColumn].Length;
            foreach (var (kind, id, _, _) in _fields)
            {
                var covered = kind switch
                {
                    CsvColumnTable.DataColumn => id < data,
                    CsvColumnTable.OtherColumn => id < other,
                    _ => id < other && layout.Outputs[id],
                };
                if (!covered)
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(TypedExportItem item)
        {
            // The official converter builds a row as a dict in this order, a later key replacing an earlier one of the
            // same name: the task id, the controls' outputs and chat transcripts, the data keys (one named like a
            // control renamed _data_<key>), then the annotation's columns, agreement and history. Fields are added in
            // that order and the later one of a shared column wins (see CsvRows.LayOutLoose).
            var task = item.Task;
            if (task.Id is { } taskId)
            {
                // No id, no id key: a header without "id" when no task has one.
                Other(Fixed(0, "id"), taskId);
            }

            var outputs = item.Outputs;
            for (var o = 0; o < outputs.Count; o++)
            {
                var (name, type, results) = outputs[o];
                var start = OutputField(type, results);
                _fields.Add((OutputColumn, OutputId(name), start, _field.WrittenCount - start));
                if (IsChatGroup(type, results))
                {
                    OtherQuoted(Id(CsvColumnTable.OtherColumn, name + "_transcript"), ChatTranscript(results));
                }
            }

            // By position: JsonObject's enumerator is an interface, one allocation per task.
            var data = task.Data;
            for (var d = 0; d < data.Count; d++)
            {
                var (key, value) = data.GetAt(d);
                var start = _field.WrittenCount;
                DataField(value);
                _fields.Add((CsvColumnTable.DataColumn, Id(CsvColumnTable.DataColumn, key), start, _field.WrittenCount - start));
            }

            var annotation = item.Annotation;
            Annotator(Fixed(1, "annotator"), annotation);
            Other(Fixed(2, "annotation_id"), annotation?.Id);
            OtherQuoted(Fixed(3, "created_at"), annotation?.CreatedAt?.ToString());
            OtherQuoted(Fixed(4, "updated_at"), annotation?.UpdatedAt?.ToString());
            OtherFloat(Fixed(5, "lead_time"), annotation?.LeadTime, annotation is { LeadTimeIsInteger: true }, annotation?.LeadTimeExact);
            if (task.HasAgreementMember)
            {
                OtherFloat(Fixed(6, "agreement"), task.Agreement, task.AgreementIsInteger, task.AgreementExact);
            }

            if (annotation?.AdditionalProperties is { } extra && extra.TryGetValue("history", out var history)
                && history.ValueKind == JsonValueKind.Array && history.GetArrayLength() > 0)
            {
                OtherQuoted(Fixed(7, "history"), UjsonText.Rewrite(CompactJson(history), UjsonText.NumberSource.Literal));
            }

            _rowEnds.Add(_fields.Count);
        }

        private void Other(int column, long? value)
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

            _fields.Add((CsvColumnTable.OtherColumn, column, start, _field.WrittenCount - start));
        }

        // Python writes a float cell with repr (1.0, 12.5, 1e-05), an int as it is (36: an integer literal read).
        private void OtherFloat(int column, double? value, bool integer, long? exact)
        {
            var start = _field.WrittenCount;
            if (integer && value is { } integral)
            {
                _field.Advance(IntegerLiteral.Format(integral, exact, _field.GetSpan(IntegerLiteral.MaxLength)));
            }
            else if (value is { } number)
            {
                ShortestDouble.TryFormatPython(number, _field.GetSpan(ShortestDouble.MaxLength), out var length);
                _field.Advance(length);
            }
            else
            {
                _field.Write("\"\""u8);
            }

            _fields.Add((CsvColumnTable.OtherColumn, column, start, _field.WrittenCount - start));
        }

        private void Annotator(int column, Annotation? annotation)
        {
            var completedBy = annotation?.CompletedBy;
            if (AnnotationFields.AnnotatorOf(completedBy) is JsonValue id && id.TryGetValue<JsonElement>(out var element)
                && element.ValueKind == JsonValueKind.Number && AnnotationFields.IsPlainInteger(JsonMarshal.GetRawUtf8Value(element)))
            {
                // A user id as read: its JSON text, quoted (what the general path gives, without the string).
                var start = _field.WrittenCount;
                _field.Put((byte)'"');
                _field.Write(JsonMarshal.GetRawUtf8Value(element));
                _field.Put((byte)'"');
                _fields.Add((CsvColumnTable.OtherColumn, column, start, _field.WrittenCount - start));
                return;
            }

            OtherQuoted(column, AnnotationFields.AnnotatorText(annotation));
        }

        private void OtherQuoted(int column, string? value)
        {
            var start = _field.WrittenCount;
            CsvRows.WriteQuoted(_field, value ?? string.Empty);
            _fields.Add((CsvColumnTable.OtherColumn, column, start, _field.WrittenCount - start));
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
                    CsvRows.WriteQuoted(_field, UjsonText.Rewrite(ResultPrettifier.ToCompactJson(value), UjsonText.NumberSource.Literal));
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
            if (scalar.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String
                && JsonMarshal.GetRawUtf8Value(element) is var raw && raw.IndexOf((byte)'\\') < 0)
            {
                // Read from an export: without escapes the JSON token, quotes included, is already the CSV field (a
                // quote inside would be escaped), with no string decoded and encoded again.
                _field.Write(raw);
                return;
            }

            switch (scalar.GetValueKind())
            {
                case JsonValueKind.String:
                    CsvRows.WriteQuoted(_field, scalar.GetValue<string>());
                    break;
                case JsonValueKind.Number:
                    WriteAscii(AnnotationFields.PythonNumber(scalar.ToJsonString()));
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
        /// <returns>Where the field starts in the field buffer (after what a region writer gave up on).</returns>
        // A group kept without a control (null type) is a chat group when one of its regions has a chat type.
        private static bool IsChatGroup(string? type, List<Result> results)
        {
            if (type is not null)
            {
                return ResultPrettifier.IsChat(type);
            }

            foreach (var result in results)
            {
                if (ResultPrettifier.IsChat(ExportItemReader.OwnType(result)))
                {
                    return true;
                }
            }

            return false;
        }

        private int OutputField(string? type, List<Result> results)
        {
            var start = _field.WrittenCount;
            if (results.Count == 1 && (type == "Choices" || type == "TextArea") && SingleText(type, results[0].Value) is { } single)
            {
                CsvRows.WriteQuoted(_field, single);
                return start;
            }

            // A group without a control has a type per region: only the prettifier reads those.
            var rare = type is null || ResultPrettifier.IsChat(type) || type == "Choices" || type == "TextArea";
            if (!rare)
            {
                if (_regions.TryWrite(_field, results))
                {
                    return start;
                }

                // What the region writer wrote before it met a region it leaves to the general path stays unused in
                // the buffer: no field points at it.
                start = _field.WrittenCount;
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
                CsvRows.WriteQuoted(_field, pretty is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : UjsonText.Rewrite(ResultPrettifier.ToCompactJson(pretty), UjsonText.NumberSource.Double));
                return start;
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

            WriteJsonCell(_json.WrittenSpan, UjsonText.NumberSource.Double);
            return start;
        }

        // A JSON cell as ujson would have written it (the official converter's json.dumps is ujson's).
        private void WriteJsonCell(ReadOnlySpan<byte> json, UjsonText.NumberSource source)
        {
            if (!UjsonText.MayDiffer(json, source))
            {
                CsvRows.WriteQuotedUtf8(_field, json);
                return;
            }

            var scratch = _ujson ??= new Utf8Buffer(1 << 10);
            scratch.ResetWrittenCount();
            UjsonText.Write(json, scratch, source);
            CsvRows.WriteQuotedUtf8(_field, scratch.WrittenSpan);
        }

        private static string? SingleText(string? type, ResultValue? value) => (type, value) switch
        {
            ("Choices", ChoicesValue { Choices.Count: 1, AdditionalProperties: null } choices) => choices.Choices[0],
            ("TextArea", TextAreaValue { Text: { Count: 1 } text, AdditionalProperties: null }) => text[0],
            _ => null,
        };
    }

    /// <summary>
    /// The scratch file as it is written: the first rows held in memory until the header is chosen, then the header
    /// and the rows, in segments of one layout each (or loose rows).
    /// </summary>
    private sealed class Spill(FileStream stream, CsvColumnTable columns, int leadingBytes)
    {
        private readonly List<(long Offset, CsvLayout? Layout)> _segments = [];
        private Utf8Buffer? _leading = new(1 << 16);
        private List<(long Offset, CsvLayout? Layout)>? _leadingSegments = [];
        private CsvLayout? _header;

        /// <summary>How many layouts were published to the workers.</summary>
        public int Layouts { get; set; }

        /// <summary>The segments of the file: where each starts, and its layout (null: loose rows).</summary>
        public IReadOnlyList<(long Offset, CsvLayout? Layout)> Segments => _segments;

        /// <summary>The file's length.</summary>
        public long Length { get; private set; }

        public void Add(ReadOnlySpan<byte> rows, CsvLayout? layout)
        {
            if (_leading is not null)
            {
                Track(_leadingSegments!, _leading.WrittenCount, layout);
                _leading.Write(rows);
                if (_leading.WrittenCount >= leadingBytes)
                {
                    Start();
                }

                return;
            }

            Track(_segments, Length, layout);
            Length += rows.Length;
            stream.Write(rows);
        }

        public void End()
        {
            if (_leading is not null)
            {
                Start();
            }

            stream.Flush();
        }

        /// <summary>Whether the file is <paramref name="final"/>'s header and rows already: nothing to rewrite.</summary>
        public bool IsLaidOutIn(CsvLayout final)
        {
            if (_header is null || !_header.SameAs(final))
            {
                return false;
            }

            foreach (var (_, layout) in _segments)
            {
                if (layout is null || !layout.SameAs(final))
                {
                    return false;
                }
            }

            return true;
        }

        // Chooses the header (the newest layout: the rows to come are rendered in it) and lays the held rows out in it.
        private void Start()
        {
            var leading = _leading!;
            var segments = _leadingSegments!;
            _leading = null;
            _leadingSegments = null;
            var layout = columns.Version == columns.Published.Version || Layouts >= MaxLayouts ? columns.Published : columns.Publish();
            if (layout.Ambiguous)
            {
                // No header fits rows laid out column by column: the rows stay as they are, for the rewrite.
                _segments.AddRange(segments);
                Length = leading.WrittenCount;
                stream.Write(leading.WrittenSpan);
                return;
            }

            _header = layout;
            var output = new Utf8Buffer(leading.WrittenCount + layout.Header.Length + (1 << 12));
            output.Write(layout.Header);
            var cells = new (int Start, int Length)[layout.Width];
            var rows = leading.WrittenSpan;
            for (var i = 0; i < segments.Count; i++)
            {
                var start = (int)segments[i].Offset;
                var end = i + 1 < segments.Count ? (int)segments[i + 1].Offset : rows.Length;
                var from = segments[i].Layout;
                var block = rows[start..end];
                var consumed = from is null ? CsvRows.LayOutLoose(block, layout, output, cells)
                    : from.SameAs(layout) ? Copy(block, output)
                    : CsvRows.Relayout(block, from, CsvRows.SlotMap(from, layout), layout, output, cells);
                if (consumed != block.Length)
                {
                    throw new InvalidDataException($"The CSV exporter's held rows end with a partial row at byte {start + consumed}.");
                }
            }

            _segments.Add((layout.Header.Length, layout));
            Length = output.WrittenCount;
            stream.Write(output.WrittenSpan);
        }

        private static void Track(List<(long Offset, CsvLayout? Layout)> segments, long offset, CsvLayout? layout)
        {
            if (segments.Count == 0 || !ReferenceEquals(segments[^1].Layout, layout))
            {
                segments.Add((offset, layout));
            }
        }
    }

    /// <summary>Reads a byte range of the scratch file over a growing buffer.</summary>
    private sealed class ScratchReader(FileStream input)
    {
        private byte[] _buffer = new byte[1 << 17];
        private int _start;
        private int _end;
        private long _remaining;

        /// <summary>The bytes read and not consumed yet.</summary>
        public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

        public void Start(long offset, long end)
        {
            input.Position = offset;
            _start = _end = 0;
            _remaining = end - offset;
        }

        public void Consume(int count) => _start += count;

        /// <summary>Reads more of the range; false when it is all read.</summary>
        public bool Fill()
        {
            if (_remaining == 0)
            {
                return false;
            }

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

            var read = input.Read(_buffer, _end, (int)Math.Min(_buffer.Length - _end, _remaining));
            if (read == 0)
            {
                throw new InvalidDataException("The CSV scratch file is shorter than what was written to it.");
            }

            _end += read;
            _remaining -= read;
            return true;
        }
    }

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
