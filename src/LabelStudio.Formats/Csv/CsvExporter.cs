using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Csv;

/// <summary>
/// CSV and TSV (<c>result.csv</c> for both), as the official converter writes them: one row per annotation,
/// columns sorted by code point, a data key that collides with a control name renamed <c>_data_&lt;key&gt;</c>
/// (decided over the whole export), strings quoted and numbers bare, CRLF row ends.
/// </summary>
/// <remarks>
/// The column set depends on the whole export, so the input is read once: each row is spilled as one JSON line to
/// a scratch file in the output folder while the column names are gathered, then the scratch file is read once
/// to write the CSV and deleted. Memory holds only the column names.
/// </remarks>
public sealed class CsvExporter : IExporter
{
    private const string ScratchName = ".rows.jsonl.tmp";

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
        var dataKeys = new HashSet<string>(StringComparer.Ordinal);
        var outputNames = new HashSet<string>(StringComparer.Ordinal);
        var otherColumns = new HashSet<string>(StringComparer.Ordinal) { "annotation_id", "annotator", "created_at", "lead_time", "updated_at" };
        try
        {
            await SpillRowsAsync(context, schema, scratch, dataKeys, outputNames, otherColumns, cancellationToken).ConfigureAwait(false);
            var colliding = new HashSet<string>(dataKeys.Where(outputNames.Contains), StringComparer.Ordinal);
            var columns = new SortedSet<string>(otherColumns, StringComparer.Ordinal);
            columns.UnionWith(outputNames);
            columns.UnionWith(dataKeys.Select(k => colliding.Contains(k) ? "_data_" + k : k));
            await WriteCsvAsync(context, scratch, columns.ToArray(), colliding, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    private static async Task SpillRowsAsync(ExportContext context, ExportSchema schema, string scratch, HashSet<string> dataKeys, HashSet<string> outputNames, HashSet<string> otherColumns, CancellationToken cancellationToken)
    {
        var stream = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
            await foreach (var item in ExportItemReader.ReadAsync(context, schema, cancellationToken).ConfigureAwait(false))
            {
                var data = new JsonObject();
                foreach (var (key, value) in item.Data)
                {
                    dataKeys.Add(key);
                    data[key] = DataCell(value);
                }

                var other = new JsonObject { ["id"] = item.Task["id"]?.DeepClone() };
                foreach (var (name, values) in item.Outputs)
                {
                    outputNames.Add(name);
                    other[name] = OutputCell(ResultPrettifier.Prettify(values));
                    if (ResultPrettifier.IsChat(values[0]["type"]?.GetValue<string>()))
                    {
                        other[name + "_transcript"] = ResultPrettifier.Transcript(values);
                    }
                }

                var annotation = item.Annotation;
                other["annotator"] = AnnotationFields.Annotator(annotation) switch
                {
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                    JsonValue v => v.ToJsonString(),
                    _ => null,
                };
                other["annotation_id"] = AnnotationFields.Field(annotation, "id");
                other["created_at"] = AnnotationFields.Field(annotation, "created_at");
                other["updated_at"] = AnnotationFields.Field(annotation, "updated_at");
                other["lead_time"] = AnnotationFields.Field(annotation, "lead_time");
                if (item.Task.ContainsKey("agreement"))
                {
                    other["agreement"] = item.Task["agreement"]?.DeepClone();
                }

                if (annotation?["history"] is JsonArray { Count: > 0 } history)
                {
                    other["history"] = ResultPrettifier.ToCompactJson(history);
                }

                foreach (var (key, _) in other)
                {
                    otherColumns.Add(key);
                }

                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    new JsonArray(data, other).WriteTo(writer);
                }

                buffer.Write("\n"u8);
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteCsvAsync(ExportContext context, string scratch, string[] columns, HashSet<string> colliding, CancellationToken cancellationToken)
    {
        var path = Path.Combine(context.OutputDirectory, "result.csv");
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = TabSeparated ? "\t" : ",",
            NewLine = "\r\n",
        };
        var index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            index[columns[i]] = i;
        }

        var output = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        await using (output.ConfigureAwait(false))
        {
            var csv = new CsvWriter(output, configuration);
            await using (csv.ConfigureAwait(false))
            {
                foreach (var column in columns)
                {
                    csv.WriteField(column, shouldQuote: true);
                }

                await csv.NextRecordAsync().ConfigureAwait(false);
                var cells = new JsonNode?[columns.Length];
                using var reader = new StreamReader(scratch, Encoding.UTF8);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    Array.Clear(cells);
                    var row = JsonNode.Parse(line)!.AsArray();
                    foreach (var (key, value) in row[0]!.AsObject())
                    {
                        cells[index[colliding.Contains(key) ? "_data_" + key : key]] = value;
                    }

                    foreach (var (key, value) in row[1]!.AsObject())
                    {
                        cells[index[key]] = value;
                    }

                    foreach (var cell in cells)
                    {
                        WriteCell(csv, cell);
                    }

                    await csv.NextRecordAsync().ConfigureAwait(false);
                    context.Report.ItemsAdded();
                }
            }
        }
    }

    /// <summary>Python's csv QUOTE_NONNUMERIC: numbers bare, booleans as True/False, everything else quoted.</summary>
    private static void WriteCell(CsvWriter csv, JsonNode? cell)
    {
        switch (cell?.GetValueKind())
        {
            case JsonValueKind.Number:
                csv.WriteField(cell.ToJsonString(), shouldQuote: false);
                break;
            case JsonValueKind.True:
                csv.WriteField("True", shouldQuote: false);
                break;
            case JsonValueKind.False:
                csv.WriteField("False", shouldQuote: false);
                break;
            case JsonValueKind.String:
                csv.WriteField(cell.GetValue<string>(), shouldQuote: true);
                break;
            default:
                csv.WriteField(string.Empty, shouldQuote: true);
                break;
        }
    }

    /// <summary>Data values: objects and lists as JSON, scalars as they are.</summary>
    private static JsonNode? DataCell(JsonNode? value) => value is JsonObject or JsonArray ? ResultPrettifier.ToCompactJson(value) : value?.DeepClone();

    /// <summary>Outputs: strings as they are, anything else JSON-encoded.</summary>
    private static JsonNode OutputCell(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : ResultPrettifier.ToCompactJson(value);
}
