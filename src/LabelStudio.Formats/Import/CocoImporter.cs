using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Import;

/// <summary>
/// COCO to Label Studio, output-compatible with the official <c>convert_coco_to_ls</c>: one task per image (sorted by
/// image id) with bounding boxes, polygons and keypoints, plus a generated labeling config listing every category.
/// Where the official importer crashes (unknown image or category, RLE segmentation, missing image size) the item
/// is skipped and counted in the report instead.
/// </summary>
public static class CocoImporter
{
    private const string RectanglesSuffix = "_rectangles";
    private const string PolygonsSuffix = "polygons"; // no underscore: the official importer's name
    private const string KeypointsSuffix = "_keypoints";

    /// <summary>Imports a COCO file into a tasks file and writes its labeling config beside it.</summary>
    /// <param name="cocoPath">The COCO JSON file.</param>
    /// <param name="outputPath">The tasks file to write; the config goes to <see cref="ImportPaths.GetLabelConfigPath"/>.</param>
    /// <param name="options">Options, or null for the official defaults.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is left behind.</param>
    /// <returns>The paths written, the config and the report.</returns>
    /// <exception cref="ConversionException">The file is not valid JSON or not COCO (the message names the JSON path or line); nothing was written.</exception>
    /// <exception cref="IOException">The input cannot be read or the output written; nothing was written.</exception>
    public static async Task<DatasetImportResult> ImportAsync(string cocoPath, string outputPath, CocoImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cocoPath);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new CocoImportOptions();
        var report = new ConversionReport();

        var length = new FileInfo(cocoPath).Length;
        if (length > options.MaxInputBytes)
        {
            throw new ConversionException(string.Create(CultureInfo.InvariantCulture,
                $"{cocoPath}: the COCO file has {length} bytes, more than the limit of {options.MaxInputBytes} (CocoImportOptions.MaxInputBytes)."));
        }

        using var dataset = await CocoDataset.ReadAsync(cocoPath, options, report, cancellationToken).ConfigureAwait(false);
        var configXml = ImportLabelConfig.Build(options.ToName, dataset.Categories.OrderBy(c => c.Key).ToList(), dataset.Controls);
        var (tasksPath, configPath) = await ImportOutput.WriteAsync(outputPath, configXml, ProduceTasks(dataset, options, report, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new DatasetImportResult(tasksPath, configPath, configXml, report);
    }

    private static async IAsyncEnumerable<LabelStudioTask> ProduceTasks(CocoDataset dataset, CocoImportOptions options, ConversionReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long written = 0;
        foreach (var image in dataset.Images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var results = new List<Result>();
            foreach (var annotationIndex in image.Annotations)
            {
                // The second pass: each annotation is read back from its byte range when its image's task is written.
                using var annotation = await dataset.LoadAnnotationAsync(annotationIndex, cancellationToken).ConfigureAwait(false);
                AddRegions(dataset, image, annotation.RootElement, annotationIndex, options, report, results);
            }

            var task = new LabelStudioTask();
            task.Data["image"] = ImageUrls.Join(options.ImageRootUrl, image.FileName);
            ImportTargets.Attach(task, options.OutputType, results);

            report.ItemsAdded(results.Count);
            report.TaskWritten();
            written++;
            if (written % 1000 == 0)
            {
                options.Progress?.Report(written);
            }

            yield return task;
        }

        options.Progress?.Report(written);
    }

    private static void AddRegions(CocoDataset dataset, CocoImage image, JsonElement annotation, int annotationIndex, CocoImportOptions options, ConversionReport report, List<Result> results)
    {
        var place = $"annotations[{annotationIndex}]";
        if (!TryGetLong(annotation, "category_id", out var categoryId) || !dataset.Categories.TryGetValue(categoryId, out var label))
        {
            Drop(report, image, "unknown-category", $"{place}: category_id is missing or names no category; the annotation was skipped.");
            return;
        }

        if (image.Width is not { } width || image.Height is not { } height)
        {
            Drop(report, image, "missing-image-size", $"{place}: image {image.FileName} has no positive width and height, needed for percent coordinates; the annotation was skipped.");
            return;
        }

        double? score = annotation.TryGetProperty("score", out var scoreElement) && scoreElement.ValueKind == JsonValueKind.Number
            && scoreElement.TryGetDouble(out var scoreValue) && double.IsFinite(scoreValue) ? scoreValue : null;
        if (annotation.TryGetProperty("bbox", out var bbox))
        {
            if (TryReadNumbers(bbox, out var box) && box.Count == 4)
            {
                results.Add(NewResult(ResultType.RectangleLabels, options.FromName + RectanglesSuffix, options, width, height, new RectangleValue
                {
                    X = box[0] / width * 100.0,
                    Y = box[1] / height * 100.0,
                    Width = box[2] / width * 100.0,
                    Height = box[3] / height * 100.0,
                    Rotation = 0,
                    RectangleLabels = [label],
                }, score));
            }
            else
            {
                Drop(report, image, "invalid-bbox", $"{place}.bbox: expected [x, y, width, height] numbers; the box was skipped.");
            }
        }

        if (annotation.TryGetProperty("segmentation", out var segmentation))
        {
            AddPolygons(segmentation, place, image, label, width, height, options, report, results);
        }

        if (annotation.TryGetProperty("keypoints", out var keypoints))
        {
            if (!TryReadNumbers(keypoints, out var values))
            {
                Drop(report, image, "invalid-keypoints", $"{place}.keypoints: expected a list of numbers; the keypoints were skipped.");
                return;
            }

            if (values.Count % 3 != 0)
            {
                Drop(report, image, "invalid-keypoints", $"{place}.keypoints: {values.Count} numbers is not a list of (x, y, visibility) triplets; the incomplete last point was skipped.");
            }

            for (var i = 0; i + 2 < values.Count; i += 3)
            {
                var value = new KeyPointValue
                {
                    X = values[i] / width * 100.0,
                    Y = values[i + 1] / height * 100.0,
                    Width = options.PointWidth,
                    KeyPointLabels = [label],
                };
                if ((int)values[i + 2] < 2)
                {
                    value.AdditionalProperties = HiddenTrue();
                }

                results.Add(NewResult(ResultType.KeyPointLabels, options.FromName + KeypointsSuffix, options, width, height, value, null));
            }
        }
    }

    private static void AddPolygons(JsonElement segmentation, string place, CocoImage image, string label, int width, int height, CocoImportOptions options, ConversionReport report, List<Result> results)
    {
        if (segmentation.ValueKind == JsonValueKind.Object)
        {
            Drop(report, image, "rle-segmentation", $"{place}.segmentation: RLE masks (iscrowd 1) are not imported, as in the official importer; the mask was skipped.");
            return;
        }

        if (segmentation.ValueKind != JsonValueKind.Array)
        {
            Drop(report, image, "invalid-segmentation", $"{place}.segmentation: expected a list of polygons; it was skipped.");
            return;
        }

        var ring = 0;
        foreach (var polygon in segmentation.EnumerateArray())
        {
            if (!TryReadNumbers(polygon, out var values))
            {
                Drop(report, image, "invalid-segmentation", $"{place}.segmentation[{ring}]: expected a list of numbers x1, y1, x2, y2, ...; the polygon was skipped.");
                ring++;
                continue;
            }

            if (values.Count % 2 != 0)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.Warning, "odd-polygon-coordinates",
                    $"{place}.segmentation[{ring}]: {values.Count} numbers; the unpaired last one was ignored.") { TaskIndex = image.Index });
            }

            var value = new PolygonValue { PolygonLabels = [label] };
            for (var i = 0; i + 1 < values.Count; i += 2)
            {
                value.Points.Add(new PercentPoint(values[i] / width * 100.0, values[i + 1] / height * 100.0));
            }

            results.Add(NewResult(ResultType.PolygonLabels, options.FromName + PolygonsSuffix, options, width, height, value, null));
            ring++;
        }
    }

    private static Dictionary<string, JsonElement> HiddenTrue()
    {
        using var document = JsonDocument.Parse("true");
        return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["hidden"] = document.RootElement.Clone() };
    }

    private static Result NewResult(ResultType type, string fromName, CocoImportOptions options, int width, int height, ResultValue value, double? score) => new()
    {
        Id = RegionIds.Next(),
        Type = type,
        Value = value,
        ToName = options.ToName,
        FromName = fromName,
        ImageRotation = 0,
        OriginalWidth = width,
        OriginalHeight = height,
        Score = score,
    };

    private static void Drop(ConversionReport report, CocoImage image, string reason, string message) =>
        report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, reason, $"image {image.FileName}: {message}") { TaskIndex = image.Index });

    internal static bool TryGetLong(JsonElement element, string name, out long value)
    {
        value = 0;
        if (!element.TryGetProperty(name, out var property))
        {
            return false;
        }

        if (property.ValueKind == JsonValueKind.Number)
        {
            if (property.TryGetInt64(out value))
            {
                return true;
            }

            if (property.TryGetDouble(out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e15)
            {
                value = (long)number;
                return true;
            }
        }

        // int("3") works in the official importer: ids written as strings are accepted.
        return property.ValueKind == JsonValueKind.String && long.TryParse(property.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryReadNumbers(JsonElement element, out List<double> values)
    {
        values = [];
        if (element.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                return false;
            }

            if (!item.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                return false;
            }

            values.Add(number);
        }

        return true;
    }
}
