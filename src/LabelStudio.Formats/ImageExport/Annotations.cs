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

        // Newest first; missing created_at sorts as the oldest; stable for ties, as Python's sort (an insertion sort:
        // a task has a handful of annotations).
        for (var i = 1; i < kept.Count; i++)
        {
            var current = kept[i];
            var key = CreatedKey(current);
            var j = i - 1;
            while (j >= 0 && CreatedKey(kept[j]) < key)
            {
                kept[j + 1] = kept[j];
                j--;
            }

            kept[j + 1] = current;
        }

        foreach (var annotation in kept)
        {
            items.Add(new ImageItem(taskIndex, task, annotation, Regions(annotation, taskIndex, task, config, report)));
        }

        return items;
    }

    private static DateTimeOffset CreatedKey(Annotation annotation) => annotation.CreatedAt?.Value ?? DateTimeOffset.MinValue;

    // The results whose from_name is a control of the config, grouped by from_name in first-seen order (the order
    // they come in when no name comes back after another one, the usual case). When every result is kept in its
    // order, that is the annotation's own list (the exporters only read it); a copy is made from the first result
    // dropped on.
    private static IReadOnlyList<Result> Regions(Annotation annotation, long taskIndex, LabelStudioTask task, LabelConfig config, ConversionReport report)
    {
        var results = ListSpan.Of(annotation.Results);
        List<Result>? regions = null;
        var grouped = true;
        string? last = null;

        // The names met so far: the first two in locals (an image annotation mostly has one or two controls), more
        // in a list made only then.
        string? first = null;
        string? second = null;
        List<string>? more = null;
        for (var r = 0; r < results.Length; r++)
        {
            var result = results[r];
            var fromName = result.FromName;

            // Consecutive results mostly share their from_name (the reader pools the strings): one lookup per run.
            if (fromName is not null && string.Equals(fromName, last, StringComparison.Ordinal))
            {
                regions?.Add(result);
                continue;
            }

            if (fromName is null || !config.TryGetControl(fromName, out _))
            {
                var reason = fromName is null ? "relation-not-exported" : "control-not-in-config";
                var message = fromName is null
                    ? $"A '{result.Type}' result without from_name (a relation) has no place in this format."
                    : $"from_name '{fromName}' is not a control of the labeling config.";
                report.Add(Issue(ConversionIssueKind.DroppedRegion, reason, message, taskIndex, task, annotation) with { RegionId = result.Id });
                if (regions is null)
                {
                    regions = new List<Result>(results.Length);
                    regions.AddRange(results[..r]);
                }

                continue;
            }

            if (first is null)
            {
                first = fromName;
            }
            else if (string.Equals(fromName, first, StringComparison.Ordinal) || string.Equals(fromName, second, StringComparison.Ordinal)
                || (more is not null && more.Contains(fromName, StringComparer.Ordinal)))
            {
                grouped = false;
            }
            else if (second is null)
            {
                second = fromName;
            }
            else
            {
                (more ??= []).Add(fromName);
            }

            last = fromName;
            regions?.Add(result);
        }

        IReadOnlyList<Result> kept = regions ?? (annotation.Results as IReadOnlyList<Result> ?? [.. results]);
        if (grouped)
        {
            return kept;
        }

        var ordered = new List<Result>(kept.Count);
        AddNamed(ordered, kept, first!);
        AddNamed(ordered, kept, second!);
        foreach (var name in more ?? [])
        {
            AddNamed(ordered, kept, name);
        }

        return ordered;

        static void AddNamed(List<Result> ordered, IReadOnlyList<Result> regions, string name)
        {
            foreach (var result in ListSpan.Of(regions))
            {
                if (string.Equals(result.FromName, name, StringComparison.Ordinal))
                {
                    ordered.Add(result);
                }
            }
        }
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
