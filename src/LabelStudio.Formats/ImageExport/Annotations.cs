using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.ImageExport;

/// <summary>The common item pipeline of the official converter (formats reference §4), one task at a time.</summary>
internal static class Annotations
{
    public static List<ImageItem> ItemsOf(LabelStudioTask task, long taskIndex, LabelConfig config, ConversionReport report)
    {
        var annotations = AnnotationsOf(task, taskIndex);
        var items = new List<ImageItem>();
        if (annotations.Count == 0)
        {
            items.Add(new ImageItem(taskIndex, task, null, []));
            return items;
        }

        var kept = new List<Annotation>(annotations.Count);
        foreach (var annotation in annotations)
        {
            if (annotation.WasCancelled == true)
            {
                report.Add(Issue(ConversionIssueKind.DroppedAnnotation, "cancelled-annotation", "The annotation was cancelled (skipped); it is not exported.", taskIndex, task, annotation));
            }
            else
            {
                kept.Add(annotation);
            }
        }

        if (kept.Count == 0)
        {
            report.Add(Issue(ConversionIssueKind.DroppedTask, "only-cancelled-annotations", "Every annotation of the task was cancelled; the task is not exported.", taskIndex, task, null));
            return items;
        }

        // Newest first; missing created_at sorts as the oldest. OrderByDescending is stable, as Python's sort.
        foreach (var annotation in kept.OrderByDescending(a => a.CreatedAt?.Value ?? DateTimeOffset.MinValue))
        {
            var groups = new List<(string Name, List<Result> Results)>();
            foreach (var result in annotation.Results)
            {
                if (result.FromName is not { } fromName || !config.TryGetControl(fromName, out _))
                {
                    var reason = result.FromName is null ? "relation-not-exported" : "control-not-in-config";
                    var message = result.FromName is null
                        ? $"A '{result.Type}' result without from_name (a relation) has no place in this format."
                        : $"from_name '{result.FromName}' is not a control of the labeling config.";
                    report.Add(Issue(ConversionIssueKind.DroppedRegion, reason, message, taskIndex, task, annotation) with { RegionId = result.Id });
                    continue;
                }

                var group = groups.FindIndex(g => string.Equals(g.Name, fromName, StringComparison.Ordinal));
                if (group < 0)
                {
                    groups.Add((fromName, [result]));
                }
                else
                {
                    groups[group].Results.Add(result);
                }
            }

            items.Add(new ImageItem(taskIndex, task, annotation, [.. groups.SelectMany(g => g.Results)]));
        }

        return items;
    }

    public static ConversionIssue Issue(ConversionIssueKind kind, string reason, string message, long taskIndex, LabelStudioTask task, Annotation? annotation, Result? region = null) =>
        new(kind, reason, message)
        {
            TaskIndex = taskIndex,
            TaskId = task.Id,
            AnnotationId = annotation?.Id,
            RegionId = region?.Id,
        };

    public static string AnnotatorOf(Annotation? annotation)
    {
        switch (annotation?.CompletedBy)
        {
            case JsonObject user:
                if (user["email"] is JsonValue email && email.TryGetValue<string>(out var text))
                {
                    return text;
                }

                return user["id"]?.ToJsonString() ?? string.Empty;
            case JsonValue value when value.TryGetValue<string>(out var s):
                return s;
            case JsonValue value:
                return value.ToJsonString();
            default:
                return string.Empty;
        }
    }

    /// <summary>The first image data key of the config: the object the image formats read.</summary>
    public static string ImageDataKey(LabelConfig config)
    {
        var image = config.Objects.FirstOrDefault(o => o.TagName == "Image" && o.DataKey is not null)
            ?? throw new ConversionException("The labeling config has no <Image> object with a $variable value; image formats need one.");
        return image.DataKey!;
    }

    /// <summary>The image reference of a task (the last one for multi-image lists, as the official YOLO writer).</summary>
    public static string? ImageReference(LabelStudioTask task, string dataKey)
    {
        var node = task.Data[dataKey];
        return node switch
        {
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            JsonArray array when array.Count > 0 && array[^1] is JsonValue last && last.TryGetValue<string>(out var s) => s,
            JsonValue value => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static IList<Annotation> AnnotationsOf(LabelStudioTask task, long taskIndex)
    {
        if (task.Annotations.Count > 0 || task.AdditionalProperties is null
            || !task.AdditionalProperties.TryGetValue("completions", out var completions)
            || completions.ValueKind != JsonValueKind.Array)
        {
            return task.Annotations;
        }

        // Exports of old Label Studio versions call annotations "completions".
        var list = new List<Annotation>();
        foreach (var element in completions.EnumerateArray())
        {
            try
            {
                list.Add(LabelStudioJson.DeserializeAnnotation(System.Text.Encoding.UTF8.GetBytes(element.GetRawText())));
            }
            catch (JsonException exception)
            {
                throw new ConversionException($"Task #{taskIndex} (id {task.Id}): a 'completions' entry is not an annotation: {exception.Message}", exception)
                {
                    TaskIndex = taskIndex,
                    TaskId = task.Id,
                };
            }
        }

        return list;
    }
}
