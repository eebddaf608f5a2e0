using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Conll;

/// <summary>
/// CONLL2003 (<c>result.conll</c>), as the official converter writes it: <c>-DOCSTART- -X- O</c>, then per
/// annotation one <c>token -X- _ tag</c> line per Treebank token with BIO tags from the first Labels control's
/// spans, and an empty line.
/// </summary>
public sealed class Conll2003Exporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Conll2003;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => config is not null && SupportedFormats.For(config).Contains(Format);

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Config is null)
        {
            throw new ConversionException("CONLL2003 needs the labeling config.");
        }

        var schema = ExportSchema.From(context.Config);
        var dataKey = context.Config.Objects.FirstOrDefault(o => o.TagName == "Text" && o.DataKey is not null)?.DataKey
            ?? throw new ConversionException("CONLL2003 needs a Text object with a $data key in the labeling config.");
        var writer = new StreamWriter(Path.Combine(context.OutputDirectory, "result.conll"), append: false, new UTF8Encoding(false), 1 << 16);
        await using (writer.ConfigureAwait(false))
        {
            writer.NewLine = "\n";
            await writer.WriteAsync("-DOCSTART- -X- O\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            var line = new StringBuilder();
            await foreach (var item in ExportItemReader.ReadTypedAsync(context, schema, cancellationToken).ConfigureAwait(false))
            {
                if (item.Task.Data[dataKey] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text))
                {
                    context.Report.Add(new ConversionIssue(ConversionIssueKind.DroppedAnnotation, "missing-text", $"The task has no text in data['{dataKey}'].") { TaskIndex = item.TaskIndex, TaskId = item.Task.Id, AnnotationId = item.Annotation?.Id });
                    continue;
                }

                line.Clear();
                foreach (var (token, tag) in Tag(text, Spans(item)))
                {
                    line.Append(token).Append(" -X- _ ").Append(tag).Append('\n');
                }

                line.Append('\n');
                await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                context.Report.ItemsAdded();
            }
        }
    }

    /// <summary>The spans of the first output group whose first region is a Labels region, sorted by start.</summary>
    private static List<(int Start, int End, string? Label)> Spans(TypedExportItem item)
    {
        var spans = new List<(int, int, string?)>();
        foreach (var (_, type, results) in item.Outputs)
        {
            if (type != "Labels")
            {
                continue;
            }

            foreach (var value in TypedExportItem.ValueObjects(type, results))
            {
                if (value["start"] is JsonValue s && s.TryGetValue<int>(out var start) && value["end"] is JsonValue e && e.TryGetValue<int>(out var end))
                {
                    var label = value["labels"] is JsonArray { Count: > 0 } labels ? labels[0]?.GetValue<string>() : null;
                    spans.Add((start, end, label));
                }
                else
                {
                    // Without start/end the official converter tags everything O.
                    return [];
                }
            }

            break;
        }

        return [.. spans.OrderBy(s => s.Item1)];
    }

    internal static IEnumerable<(string Token, string Tag)> Tag(string text, List<(int Start, int End, string? Label)> spans)
    {
        var spanIndex = 0;
        var previousSpan = -1;
        foreach (var (start, end) in TreebankSpanTokenizer.SpanTokenize(text))
        {
            var token = text[start..end];
            var tag = "O";
            while (spanIndex < spans.Count && start > spans[spanIndex].End - 1)
            {
                spanIndex++;
            }

            if (spanIndex < spans.Count)
            {
                var span = spans[spanIndex];
                if (end - 1 >= span.Start && start <= span.End - 1 && span.Label is not null)
                {
                    tag = (previousSpan == spanIndex ? "I-" : "B-") + span.Label;
                    previousSpan = spanIndex;
                }
            }

            yield return (token, tag);
        }
    }
}
