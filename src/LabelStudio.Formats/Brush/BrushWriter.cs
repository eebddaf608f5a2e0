using System.Globalization;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Brush;

/// <summary>BRUSH_TO_PNG / BRUSH_TO_NUMPY (formats reference §5.9): one mask file per brush region.</summary>
internal static class BrushWriter
{
    public static async Task RunAsync(ExportContext context, string extension, Action<Mask, string> save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config ?? throw new ConversionException("Brush formats need the labeling config.");
        Directory.CreateDirectory(context.OutputDirectory);
        var root = Path.GetFullPath(context.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        long index = 0;
        await foreach (var task in context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Report.TaskRead();
            var written = false;
            foreach (var item in Annotations.ItemsOf(task, index, config, context.Report))
            {
                if (!item.HasOutput)
                {
                    continue;
                }

                var counters = new Dictionary<string, int>(StringComparer.Ordinal);
                var user = new string([.. item.Annotator.Where(c => char.IsLetterOrDigit(c) || c is '@' or '.')]);
                foreach (var region in item.Regions)
                {
                    if (region.Value is not BrushValue brush || brush.Rle is null)
                    {
                        Drop(context, item, region, "unsupported-region-type", $"Brush formats write brush masks; a '{region.Type}' result without 'rle' is not exported.");
                        continue;
                    }

                    if (region.OriginalWidth is not { } width || region.OriginalHeight is not { } height || width <= 0 || height <= 0)
                    {
                        Drop(context, item, region, "missing-image-size", "The brush region has no original_width/original_height, so its mask cannot be shaped.");
                        continue;
                    }

                    Mask mask;
                    try
                    {
                        mask = BrushRle.DecodeMask(brush.Rle, width, height);
                    }
                    catch (Exception exception) when (exception is RleFormatException or ArgumentException)
                    {
                        Drop(context, item, region, "invalid-rle", $"The brush RLE cannot be decoded as a {width}x{height} mask: {exception.Message}");
                        continue;
                    }

                    var key = region.FromName + "-" + string.Join("-", region.GetLabels());
                    var n = counters.GetValueOrDefault(key);
                    counters[key] = n + 1;
                    var name = $"task-{task.Id?.ToString(CultureInfo.InvariantCulture) ?? "None"}-annotation-{item.Annotation!.Id?.ToString(CultureInfo.InvariantCulture) ?? "None"}-by-{user}-{key}-{n}"
                        .Replace('/', '-').Replace('\\', '-');
                    var path = Path.Combine(context.OutputDirectory, name + extension);
                    if (!Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal))
                    {
                        Drop(context, item, region, "unsafe-file-name", $"The mask name '{name}' would write outside the output folder.");
                        continue;
                    }

                    save(mask, path);
                    context.Report.ItemsAdded();
                    written = true;
                }
            }

            if (written)
            {
                context.Report.TaskWritten();
            }

            index++;
            if ((index & 1023) == 0)
            {
                context.Progress?.Report(index);
            }
        }

        context.Progress?.Report(index);
    }

    private static void Drop(ExportContext context, ImageItem item, Result region, string reason, string message) =>
        context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));
}
