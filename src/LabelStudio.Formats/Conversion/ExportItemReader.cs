using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The official converter's common item pipeline (reference formats.md §4), one task at a time: tasks without an
/// annotations key are skipped, cancelled annotations removed, the rest ordered newest first, results kept when
/// their control is in the schema or they are chat messages. Unlike the official converter every skip is recorded
/// in the report.
/// </summary>
internal static class ExportItemReader
{
    private const int ProgressEvery = 256;

    /// <summary>The items of every task, over the typed models: no JSON tree is built per task.</summary>
    public static async IAsyncEnumerable<TypedExportItem> ReadTypedAsync(ExportContext context, ExportSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = -1;
        var items = new List<TypedExportItem>();
        await foreach (var task in context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            index++;
            context.Report.TaskRead();
            if (index % ProgressEvery == 0)
            {
                context.Progress?.Report(index + 1);
            }

            items.Clear();
            TypedItems(task, index, schema, context.Report, items);
            foreach (var item in items)
            {
                yield return item;
            }
        }

        context.Progress?.Report(index + 1);
    }

    internal static void TypedItems(LabelStudioTask task, long index, ExportSchema schema, ConversionReport report, List<TypedExportItem> items)
    {
        var taskId = task.Id;
        var annotations = TypedAnnotations(task, index);
        if (annotations is null)
        {
            report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "no-annotations-key", "The task has no 'annotations' list; the official converter skips such tasks.") { TaskIndex = index, TaskId = taskId });
            return;
        }

        if (annotations.Count == 0)
        {
            report.TaskWritten();
            items.Add(new TypedExportItem { TaskIndex = index, Task = task, Annotation = null, Outputs = [] });
            return;
        }

        var kept = new List<(Annotation Annotation, string CreatedAt)>(annotations.Count);
        for (var a = 0; a < annotations.Count; a++)
        {
            var annotation = annotations[a];
            if (annotation.WasCancelled == true)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedAnnotation, "cancelled-annotation", "Cancelled (skipped) annotations are not exported.") { TaskIndex = index, TaskId = taskId, AnnotationId = annotation.Id });
                continue;
            }

            kept.Add((annotation, annotation.CreatedAt?.ToString() ?? string.Empty));
        }

        if (kept.Count == 0)
        {
            report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "all-annotations-cancelled", "Every annotation of the task was cancelled; the official converter writes nothing for it.") { TaskIndex = index, TaskId = taskId });
            return;
        }

        report.TaskWritten();

        // Newest first by the created_at text, stable for ties (insertion sort: a task has a handful of annotations).
        for (var i = 1; i < kept.Count; i++)
        {
            var current = kept[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(kept[j].CreatedAt, current.CreatedAt) < 0)
            {
                kept[j + 1] = kept[j];
                j--;
            }

            kept[j + 1] = current;
        }

        for (var a = 0; a < kept.Count; a++)
        {
            var annotation = kept[a].Annotation;
            items.Add(new TypedExportItem { TaskIndex = index, Task = task, Annotation = annotation, Outputs = TypedOutputs(annotation, index, taskId, schema, report) });
        }
    }

    // The annotations of a task, the deprecated "completions" when "annotations" is absent, null when neither is there.
    private static IList<Annotation>? TypedAnnotations(LabelStudioTask task, long index)
    {
        if (task.Annotations.Count > 0 || task.HasAnnotationsMember)
        {
            return task.Annotations;
        }

        if (task.AdditionalProperties is null || !task.AdditionalProperties.TryGetValue("completions", out var completions)
            || completions.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<Annotation>();
        foreach (var element in completions.EnumerateArray())
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                continue;
            }

            try
            {
                list.Add(LabelStudioJson.DeserializeAnnotation(System.Text.Encoding.UTF8.GetBytes(element.GetRawText())));
            }
            catch (System.Text.Json.JsonException exception)
            {
                throw new ConversionException($"Task #{index} (id {task.Id}): a 'completions' entry is not an annotation: {exception.Message}", exception)
                {
                    TaskIndex = index,
                    TaskId = task.Id,
                };
            }
        }

        return list;
    }

    private static List<(string Name, string? ControlType, List<Result> Results)> TypedOutputs(Annotation annotation, long index, long? taskId, ExportSchema schema, ConversionReport report)
    {
        // The reader's lists are List<Result>: read them as spans, not through IList's interface calls.
        var list = annotation.Results;
        ReadOnlySpan<Result> results = list is List<Result> concrete ? CollectionsMarshal.AsSpan(concrete) : [.. list];
        var count = results.Length;
        var outputs = new List<(string Name, string? ControlType, List<Result> Results)>(Math.Min(count, 4));
        if (count == 0)
        {
            return outputs;
        }

        // First the group of every result (-1: dropped) and the size of every group, the schema asked once per run of
        // one from_name (the reader pools names, so a repeated one is mostly the same string); then the lists, each
        // allocated at its size.
        Span<int> groupOf = count <= 128 ? stackalloc int[count] : new int[count];
        Span<int> sizes = count <= 128 ? stackalloc int[count] : new int[count];
        string? lastName = null;
        string? lastType = null;
        var lastGroup = -1;
        for (var r = 0; r < count; r++)
        {
            var result = results[r];
            var fromName = result.FromName;
            if (lastName is null || !ReferenceEquals(fromName, lastName))
            {
                lastType = string.IsNullOrEmpty(fromName) ? null : schema.ControlType(fromName);
                lastName = fromName;
                lastGroup = -1;
            }

            // The official grouping (converter.py, annotation_result_from_task): a result whose from_name names a
            // control takes the control's type; otherwise a "chatmessage" result is kept anyway (a null group type).
            // Anything else is dropped, also under an empty schema: the newest converter keeps every result there, but
            // the fixtures' version (97fcff19) drops them (README, compatibility notes).
            if (lastType is null && (string.IsNullOrEmpty(fromName) || !IsChatMessage(result)))
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "control-not-in-config", $"The result's from_name '{fromName}' names no control of the labeling config.")
                {
                    TaskIndex = index,
                    TaskId = taskId,
                    AnnotationId = annotation.Id,
                    RegionId = result.Id,
                });
                groupOf[r] = -1;
                continue;
            }

            if (lastGroup < 0)
            {
                for (var g = 0; g < outputs.Count; g++)
                {
                    if (string.Equals(outputs[g].Name, fromName, StringComparison.Ordinal))
                    {
                        lastGroup = g;
                        break;
                    }
                }

                if (lastGroup < 0)
                {
                    lastGroup = outputs.Count;
                    sizes[lastGroup] = 0;
                    outputs.Add((fromName!, lastType, null!));
                }
            }

            groupOf[r] = lastGroup;
            sizes[lastGroup]++;
        }

        var groups = CollectionsMarshal.AsSpan(outputs);
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g].Results = new List<Result>(sizes[g]);
        }

        for (var r = 0; r < count; r++)
        {
            if (groupOf[r] >= 0)
            {
                groups[groupOf[r]].Results.Add(results[r]);
            }
        }

        return outputs;
    }

    /// <summary>
    /// The official item's region dict of a typed result: a copy of <c>value</c> plus <c>type</c> and the original
    /// size when the result has one. <paramref name="type"/> is the schema's control type; null for a result kept
    /// without a control, which takes its own type: <c>chatmessage</c> without the size (the converter's chat
    /// branch copies only the value), otherwise the result's type, <c>unknown</c> when it has none.
    /// </summary>
    internal static JsonObject ValueObject(Result result, string? type)
    {
        var value = result.Value is null ? null : JsonNode.Parse(ValueBytes(result.Value)) as JsonObject;
        value ??= [];
        if (type is null && IsChatMessage(result))
        {
            value["type"] = ChatMessageType;
            return value;
        }

        value["type"] = type ?? OwnType(result);
        if (result.OriginalWidth is { } width)
        {
            value["original_width"] = width;
        }

        if (result.OriginalHeight is { } height)
        {
            value["original_height"] = height;
        }

        return value;
    }

    /// <summary>The type a result kept without a control has in the official item (see <see cref="ValueObject"/>).</summary>
    internal static string OwnType(Result result) => IsChatMessage(result) ? ChatMessageType : result.Type.IsEmpty ? "unknown" : result.Type.Value;

    private const string ChatMessageType = "chatmessage";

    // The converter compares the result's type with "chatmessage" exactly.
    private static bool IsChatMessage(Result result) => string.Equals(result.Type.Value, ChatMessageType, StringComparison.Ordinal);

    /// <summary>
    /// Whether <see cref="WriteValueObject"/> gives the same JSON as <see cref="ValueObject"/> without its
    /// <c>type</c>: typed values whose unknown members do not clash with the keys the pipeline adds.
    /// </summary>
    internal static bool AllPlainValues(List<Result> results)
    {
        foreach (var result in results)
        {
            if (result.Value is RawResultValue
                || (result.Value?.AdditionalProperties is { } extra
                    && (extra.ContainsKey("type") || extra.ContainsKey("original_width") || extra.ContainsKey("original_height"))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a result's value object followed by its original size, with no JSON tree.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="result">The result.</param>
    /// <param name="scratch">Reused buffer for the value's JSON.</param>
    /// <param name="valueWriter">Reused writer over <paramref name="scratch"/>, with the destination's encoder.</param>
    internal static void WriteValueObject(Utf8JsonWriter writer, Result result, ArrayBufferWriter<byte> scratch, Utf8JsonWriter valueWriter)
    {
        scratch.ResetWrittenCount();
        if (result.Value is null)
        {
            scratch.Write("{}"u8);
        }
        else
        {
            valueWriter.Reset(scratch);
            ResultConverter.WriteValue(valueWriter, result.Value, LabelStudioJson.Options);
            valueWriter.Flush();
        }

        if (result.OriginalWidth is null && result.OriginalHeight is null)
        {
            writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            return;
        }

        // Reopen the object: drop its closing brace and append the size members.
        var empty = scratch.WrittenCount == 2;
        var body = scratch.WrittenSpan;
        var text = ArrayPool<byte>.Shared.Rent(body.Length + 64);
        try
        {
            body[..^1].CopyTo(text);
            var length = body.Length - 1;
            AppendInt(text, ref length, "\"original_width\":"u8, result.OriginalWidth, ref empty);
            AppendInt(text, ref length, "\"original_height\":"u8, result.OriginalHeight, ref empty);
            text[length++] = (byte)'}';
            writer.WriteRawValue(text.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private static void AppendInt(byte[] text, ref int length, ReadOnlySpan<byte> name, int? value, ref bool empty)
    {
        if (value is not { } number)
        {
            return;
        }

        if (!empty)
        {
            text[length++] = (byte)',';
        }

        empty = false;
        name.CopyTo(text.AsSpan(length));
        length += name.Length;
        number.TryFormat(text.AsSpan(length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        length += written;
    }

    private static byte[] ValueBytes(ResultValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LabelStudioJson.Options.Encoder }))
        {
            ResultConverter.WriteValue(writer, value, LabelStudioJson.Options);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
