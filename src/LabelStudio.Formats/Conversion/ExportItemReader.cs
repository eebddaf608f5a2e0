using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The official converter's common item pipeline (reference formats.md §4), one task at a time: tasks without an
/// annotations key are skipped, cancelled annotations removed, the rest ordered newest first, results kept when
/// their control is in the schema. Unlike the official converter every skip is recorded in the report.
/// </summary>
internal static class ExportItemReader
{
    private const int ProgressEvery = 256;

    public static async IAsyncEnumerable<ExportItem> ReadAsync(ExportContext context, ExportSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = -1;
        await foreach (var task in context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            index++;
            context.Report.TaskRead();
            if (index % ProgressEvery == 0)
            {
                context.Progress?.Report(index + 1);
            }

            var node = (JsonObject)JsonNode.Parse(LabelStudioJson.SerializeToUtf8Bytes(task))!;
            foreach (var item in Items(node, index, schema, context.Report))
            {
                yield return item;
            }
        }

        context.Progress?.Report(index + 1);
    }

    internal static IEnumerable<ExportItem> Items(JsonObject task, long index, ExportSchema schema, ConversionReport report)
    {
        var taskId = task["id"] is JsonValue idValue && idValue.TryGetValue<long>(out var id) ? id : (long?)null;
        var annotations = (task["annotations"] ?? task["completions"]) as JsonArray;
        if (annotations is null)
        {
            report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "no-annotations-key", "The task has no 'annotations' list; the official converter skips such tasks.") { TaskIndex = index, TaskId = taskId });
            return [];
        }

        if (annotations.Count == 0)
        {
            report.TaskWritten();
            return [new ExportItem { TaskIndex = index, Task = task, Annotation = null, Outputs = [] }];
        }

        var kept = new List<JsonObject>(annotations.Count);
        foreach (var annotation in annotations.OfType<JsonObject>())
        {
            if (annotation["was_cancelled"] is JsonValue c && c.TryGetValue<bool>(out var cancelled) && cancelled)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedAnnotation, "cancelled-annotation", "Cancelled (skipped) annotations are not exported.") { TaskIndex = index, TaskId = taskId, AnnotationId = IdOf(annotation) });
                continue;
            }

            kept.Add(annotation);
        }

        if (kept.Count == 0)
        {
            report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "all-annotations-cancelled", "Every annotation of the task was cancelled; the official converter writes nothing for it.") { TaskIndex = index, TaskId = taskId });
            return [];
        }

        report.TaskWritten();

        // Newest first, stable for ties; a missing created_at sorts as the oldest (the official converter uses 0).
        return kept.OrderByDescending(a => a["created_at"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty, StringComparer.Ordinal)
            .Select(a => new ExportItem { TaskIndex = index, Task = task, Annotation = a, Outputs = Outputs(a, index, taskId, schema, report) })
            .ToArray();
    }

    private static List<KeyValuePair<string, List<JsonObject>>> Outputs(JsonObject annotation, long index, long? taskId, ExportSchema schema, ConversionReport report)
    {
        var outputs = new List<KeyValuePair<string, List<JsonObject>>>();
        if (annotation["result"] is not JsonArray results)
        {
            return outputs;
        }

        foreach (var result in results.OfType<JsonObject>())
        {
            var fromName = result["from_name"] is JsonValue f && f.TryGetValue<string>(out var s) ? s : null;
            var type = schema.ControlType(fromName);
            if (type is null || fromName is null)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "control-not-in-config", $"The result's from_name '{fromName}' names no control of the labeling config.")
                {
                    TaskIndex = index,
                    TaskId = taskId,
                    AnnotationId = IdOf(annotation),
                    RegionId = result["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? result["id"]!.GetValue<string>() : null,
                });
                continue;
            }

            var value = result["value"] is JsonObject v ? (JsonObject)v.DeepClone() : [];
            value["type"] = type;
            if (result["original_width"] is { } width)
            {
                value["original_width"] = width.DeepClone();
            }

            if (result["original_height"] is { } height)
            {
                value["original_height"] = height.DeepClone();
            }

            var group = outputs.FindIndex(p => p.Key == fromName);
            if (group < 0)
            {
                outputs.Add(new(fromName, [value]));
            }
            else
            {
                outputs[group].Value.Add(value);
            }
        }

        return outputs;
    }

    internal static long? IdOf(JsonObject node) => node["id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;
}
