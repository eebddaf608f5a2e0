using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// The contract of <see cref="FastTaskReader"/>, checked on one element: when the fast reader accepts, the exact reader
/// (<see cref="TaskConverter.ReadTask"/> over the same bytes, limit and skipped members) succeeds and builds an identical
/// task — same JSON written back, same presence bits, same unknown members (names, order, raw text), same value types,
/// same numbers bit for bit.
/// </summary>
internal static class FastReaderOracle
{
    public enum Outcome
    {
        /// <summary>The fast reader read the task (and it was identical).</summary>
        Accepted,

        /// <summary>The fast reader gave up; the exact reader read the task.</summary>
        GaveUp,

        /// <summary>Both failed: the input is not a task the exact reader reads.</summary>
        BothFailed,
    }

    public static Outcome Check(byte[] element, SkippedTaskMembers skipped, int maxDepth, string because, JsonStringPool? pool = null)
    {
        // A pool that read other tasks first carries their member order predictions: the reader must not depend on it.
        var accepted = FastTaskReader.TryRead(element, pool ?? new JsonStringPool(), maxDepth, skipped, out var fast);
        var slow = ReadSlow(element, skipped, maxDepth, out var error);
        if (accepted)
        {
            slow.Should().NotBeNull($"the fast reader accepted what the exact reader rejects ({error}): {because}");
            Signature(fast!).Should().Be(Signature(slow!), because);
            return Outcome.Accepted;
        }

        return slow is null ? Outcome.BothFailed : Outcome.GaveUp;
    }

    // The exact reader as JsonArrayStreamReader runs it on a framed element; the element must be exactly the object.
    public static LabelStudioTask? ReadSlow(byte[] element, SkippedTaskMembers skipped, int maxDepth, out string? error)
    {
        error = null;
        try
        {
            var reader = new Utf8JsonReader(element, new JsonReaderOptions { MaxDepth = maxDepth });
            reader.Read();
            var task = TaskConverter.ReadTask(ref reader, LabelStudioJson.Options, new JsonStringPool(), skipped);
            if (reader.BytesConsumed != element.Length)
            {
                error = "bytes after the task";
                return null;
            }

            return task;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>Everything the contract compares, as text (a difference shows where).</summary>
    public static string Signature(LabelStudioTask task)
    {
        var text = new StringBuilder();
        try
        {
            text.Append(Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(task))).Append('\n');
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            // Both readers refuse infinity (1e400) and unpaired surrogate escapes, which no writer can write; a value
            // that still cannot be written is reported here, and the rest is still compared.
            text.Append("not writable: ").Append(ex.GetType().Name).Append('\n');
        }

        Model(text, "task", task);
        foreach (var annotation in task.Annotations)
        {
            Model(text, "annotation", annotation);
            Results(text, annotation.Results);
        }

        foreach (var prediction in task.Predictions)
        {
            Model(text, "prediction", prediction);
            Results(text, prediction.Results);
        }

        foreach (var draft in task.Drafts)
        {
            Model(text, "draft", draft);
            Results(text, draft.Results);
        }

        return text.ToString();
    }

    private static void Results(StringBuilder text, IList<Result> results)
    {
        foreach (var result in results)
        {
            Model(text, "result", result);
            text.Append("value type ").Append(result.Value?.GetType().Name ?? "null").Append('\n');
            switch (result.Value)
            {
                case RectangleValue box:
                    Bits(text, box.X, box.Y, box.Width, box.Height, box.Rotation ?? 0);
                    break;
                case KeyPointValue point:
                    Bits(text, point.X, point.Y, point.Width ?? 0);
                    break;
                case PolygonValue polygon:
                    foreach (var vertex in polygon.Points)
                    {
                        Bits(text, vertex.X, vertex.Y);
                    }

                    break;
            }

            if (result.Value is { } value)
            {
                Model(text, "value", value);
            }

            Bits(text, result.ImageRotation ?? 0, result.Score ?? 0);
        }
    }

    private static void Model(StringBuilder text, string kind, ExtensibleModel model)
    {
        text.Append(kind).Append(" present ").Append(model.PresentMembers.ToString("X", CultureInfo.InvariantCulture));
        if (model.AdditionalProperties is { } extra)
        {
            text.Append(" extra");
            foreach (var (name, element) in extra)
            {
                text.Append(' ').Append(name).Append('=').Append(element.GetRawText());
            }
        }

        text.Append('\n');
    }

    private static void Bits(StringBuilder text, params double[] values)
    {
        foreach (var value in values)
        {
            text.Append(BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture)).Append(' ');
        }

        text.Append('\n');
    }

    /// <summary>The raw bytes of each task of a task list file: an array, a task list object's <c>tasks</c>, or one task.</summary>
    public static List<byte[]> TaskElements(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var tasks = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
            : root.TryGetProperty("tasks", out var list) ? list.EnumerateArray().ToList()
            : [root];
        return tasks.Where(t => t.ValueKind == JsonValueKind.Object).Select(t => Encoding.UTF8.GetBytes(t.GetRawText())).ToList();
    }
}
