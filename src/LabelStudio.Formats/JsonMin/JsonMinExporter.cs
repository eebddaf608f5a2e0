using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.JsonMin;

/// <summary>
/// JSON_MIN (<c>result.json</c>): one flat record per annotation, as the official converter writes it: the task
/// data, <c>id</c>, one key per control (prettified regions), then the annotation metadata. Streams, from the
/// typed task models (only each record is a JSON tree).
/// </summary>
public sealed class JsonMinExporter : IExporter
{
    private static readonly byte[] Open = "[\n"u8.ToArray();
    private static readonly byte[] Separator = ",\n"u8.ToArray();
    private static readonly byte[] Close = "\n]"u8.ToArray();

    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.JsonMin;

    /// <inheritdoc />
    public bool RequiresConfig => false;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => true;

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = ExportSchema.From(context.Config);
        var path = Path.Combine(context.OutputDirectory, "result.json");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Open, cancellationToken).ConfigureAwait(false);
            var writerOptions = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
            var first = true;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
            var ujson = new ImageExport.Utf8Buffer(4096);
            await foreach (var item in ExportItemReader.ReadTypedAsync(context, schema, cancellationToken).ConfigureAwait(false))
            {
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer, writerOptions))
                {
                    Record(item).WriteTo(writer);
                }

                var record = buffer.WrittenMemory;
                if (UjsonText.MayDiffer(record.Span, UjsonText.NumberSource.Double))
                {
                    // ujson's text (json.dump): '/' escaped, the doubles of the results in its float layout. The
                    // indentation is the writer's, which is ujson's indent=2 already.
                    ujson.ResetWrittenCount();
                    UjsonText.Write(record.Span, ujson, UjsonText.NumberSource.Double);
                    record = ujson.WrittenMemory;
                }

                if (!first)
                {
                    await stream.WriteAsync(Separator, cancellationToken).ConfigureAwait(false);
                }

                first = false;
                await stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                context.Report.ItemsAdded();
            }

            await stream.WriteAsync(Close, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static JsonObject Record(TypedExportItem item)
    {
        var task = item.Task;
        var record = new JsonObject();
        foreach (var (key, value) in task.Data)
        {
            record[key] = DataValue(value);
        }

        // The task id replaces a data key named "id" in place (converter.py convert_to_json_min: set only when the
        // item's id is not None); a task without an id keeps the data's "id", as CSV does.
        if (task.Id is { } id)
        {
            record["id"] = id;
        }
        foreach (var (name, type, results) in item.Outputs)
        {
            // A control named like a data key overwrites the data value, as the official converter does.
            record[name] = ResultPrettifier.Prettify(TypedExportItem.ValueObjects(type, results));
        }

        var annotation = item.Annotation;
        record["annotator"] = AnnotationFields.AnnotatorNode(annotation);
        record["annotation_id"] = annotation?.Id is { } annotationId ? JsonValue.Create(annotationId) : null;
        record["created_at"] = annotation?.CreatedAt?.ToString() is { } createdAt ? JsonValue.Create(createdAt) : null;
        record["updated_at"] = annotation?.UpdatedAt?.ToString() is { } updatedAt ? JsonValue.Create(updatedAt) : null;
        record["lead_time"] = annotation is { LeadTimeIsInteger: true }
            ? IntegerNode(annotation.LeadTime!.Value, annotation.LeadTimeExact)
            : annotation?.LeadTime is { } leadTime ? FloatNode(leadTime) : null;
        if (task.HasAgreementMember)
        {
            record["agreement"] = task.AgreementIsInteger
                ? IntegerNode(task.Agreement!.Value, task.AgreementExact)
                : task.Agreement is { } agreement ? FloatNode(agreement) : null;
        }

        return record;
    }

    // A data value with its numbers as ujson writes what Python parsed (0.00001 is 1e-5, -0 is 0); strings as they are
    // (the record's pass escapes their '/').
    private static JsonNode? DataValue(JsonNode? value)
    {
        if (value is null || value.GetValueKind() is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
        {
            return value?.DeepClone();
        }

        var json = ResultPrettifier.ToCompactJson(value);
        var ujson = UjsonText.Rewrite(json, UjsonText.NumberSource.Literal);
        return ReferenceEquals(ujson, json) ? value.DeepClone() : JsonNode.Parse(ujson);
    }

    // A float as ujson writes it (36.0, 1e-5, 1e+16) where the JSON writer's text differs (36, 1E-05, 1E+16).
    private static JsonNode FloatNode(double value) =>
        double.IsFinite(value) && (double.IsInteger(value) || Math.Abs(value) is < 1e-4 or >= 1e16)
            ? JsonNode.Parse(ImageExport.PythonFloat.FormatUjson(value))!
            : JsonValue.Create(value);

    // An integer literal read into a double, written back as the int Python kept (36, not 36.0); past long's range,
    // which Python's parsers refuse in an export, the double.
    private static JsonValue IntegerNode(double value, long? exact) =>
        exact is { } known ? JsonValue.Create(known)
        : Math.Abs(value) < 9.2e18 ? JsonValue.Create((long)value)
        : JsonValue.Create(value);
}
