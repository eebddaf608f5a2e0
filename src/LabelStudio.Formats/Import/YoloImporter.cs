using System.Globalization;
using System.Runtime.CompilerServices;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Import;

/// <summary>
/// A YOLO dataset directory (<c>classes.txt</c>, or <c>data.yaml</c> / <c>notes.json</c>; <c>images/</c>; <c>labels/</c>)
/// to Label Studio, output-compatible with the official <c>convert_yolo_to_ls</c>: one task per image, a rectangle
/// per label line, a trailing sixth number as the region's score. Images are visited in ordinal name order (the
/// official importer uses the file system's order) and one at a time: memory does not grow with the dataset.
/// </summary>
public static class YoloImporter
{
    /// <summary>Imports a YOLO dataset directory into a tasks file and writes its labeling config beside it.</summary>
    /// <param name="datasetDirectory">The directory holding <c>images/</c>, <c>labels/</c> and the class names.</param>
    /// <param name="outputPath">The tasks file to write; the config goes to <see cref="ImportPaths.GetLabelConfigPath"/>.</param>
    /// <param name="options">Options, or null for the official defaults.</param>
    /// <param name="cancellationToken">Cancels the import; nothing is left behind.</param>
    /// <returns>The paths written, the config and the report.</returns>
    /// <exception cref="ConversionException">No class names, or no <c>images/</c> directory; nothing was written.</exception>
    /// <exception cref="IOException">A file cannot be read or the output written; nothing was written.</exception>
    public static async Task<DatasetImportResult> ImportAsync(string datasetDirectory, string outputPath, YoloImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new YoloImportOptions();
        if (!Directory.Exists(datasetDirectory))
        {
            throw new DirectoryNotFoundException($"{datasetDirectory}: no such directory.");
        }

        var classes = YoloClassNames.Read(datasetDirectory);
        var imagesDirectory = Path.Combine(datasetDirectory, "images");
        if (!Directory.Exists(imagesDirectory))
        {
            throw new ConversionException($"{datasetDirectory}: no images/ directory.");
        }

        var report = new ConversionReport();
        var categories = classes.Select((name, id) => new KeyValuePair<long, string>(id, name)).ToList();
        var configXml = ImportLabelConfig.Build(options.ToName, categories, [new(options.FromName, "RectangleLabels")]);
        var tasks = ProduceTasks(datasetDirectory, imagesDirectory, classes, options, report, cancellationToken);
        var (tasksPath, configPath) = await ImportOutput.WriteAsync(outputPath, configXml, tasks, cancellationToken).ConfigureAwait(false);
        return new DatasetImportResult(tasksPath, configPath, configXml, report);
    }

    private static async IAsyncEnumerable<LabelStudioTask> ProduceTasks(
        string datasetDirectory, string imagesDirectory, IReadOnlyList<string> classes, YoloImportOptions options, ConversionReport report,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var labelsDirectory = Path.Combine(datasetDirectory, "labels");
        var files = Directory.EnumerateFiles(imagesDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
        long index = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!options.ImageExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                report.Add(new ConversionIssue(ConversionIssueKind.Warning, "not-an-image",
                    $"images/{file}: not one of the image extensions {string.Join(", ", options.ImageExtensions)}; not imported."));
                continue;
            }

            report.TaskRead();
            var task = new LabelStudioTask();
            task.Data["image"] = ImageUrls.Join(options.ImageRootUrl, file);
            var labelFile = Path.Combine(labelsDirectory, Path.GetFileNameWithoutExtension(file) + ".txt");
            if (File.Exists(labelFile))
            {
                var results = new List<Result>();
                var size = options.ImageDimensions ?? await ReadSizeAsync(Path.Combine(imagesDirectory, file), cancellationToken).ConfigureAwait(false);
                var lines = await File.ReadAllLinesAsync(labelFile, cancellationToken).ConfigureAwait(false);
                if (size is not { } known)
                {
                    var count = lines.Count(l => !string.IsNullOrWhiteSpace(l));
                    for (var i = 0; i < count; i++)
                    {
                        Drop(report, index, file, 0, "unreadable-image-size", "the image's size could not be read from its header (not a PNG, JPEG, GIF, BMP or WebP?); pass image dimensions to import it");
                    }
                }
                else
                {
                    for (var line = 0; line < lines.Length; line++)
                    {
                        if (ParseLine(lines[line], line + 1, file, index, classes, known, options, report) is { } result)
                        {
                            results.Add(result);
                        }
                    }
                }

                ImportTargets.Attach(task, options.OutputType, results);

                report.ItemsAdded(results.Count);
            }

            report.TaskWritten();
            index++;
            if (index % 1000 == 0)
            {
                options.Progress?.Report(index);
            }

            yield return task;
        }

        options.Progress?.Report(index);
    }

    private static Result? ParseLine(string text, int lineNumber, string file, long taskIndex, IReadOnlyList<string> classes, (int Width, int Height) size, YoloImportOptions options, ConversionReport report)
    {
        var values = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0)
        {
            return null; // a blank line carries nothing
        }

        if (values.Length < 5)
        {
            Drop(report, taskIndex, file, lineNumber, "too-few-values", $"expected 'class x_center y_center width height [score]', found {values.Length} value(s)");
            return null;
        }

        if (values.Length > 6)
        {
            // The official importer reads such lines (polygons, oriented boxes, poses) as boxes, giving wrong regions.
            Drop(report, taskIndex, file, lineNumber, "not-a-box-line", $"{values.Length} values: a polygon, oriented box or pose line, not a detection box");
            return null;
        }

        if (!int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var classId) || classId < 0 || classId >= classes.Count)
        {
            Drop(report, taskIndex, file, lineNumber, "unknown-class", $"class '{values[0]}' is not a class id between 0 and {classes.Count - 1}");
            return null;
        }

        Span<double> numbers = stackalloc double[5];
        for (var i = 1; i < values.Length; i++)
        {
            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i - 1]) || !double.IsFinite(numbers[i - 1]))
            {
                Drop(report, taskIndex, file, lineNumber, "not-a-number", $"value {i + 1} '{values[i]}' is not a finite number");
                return null;
            }
        }

        var (x, y, width, height) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        return new Result
        {
            Id = RegionIds.Next(),
            Type = ResultType.RectangleLabels,
            Value = new RectangleValue
            {
                X = (x - width / 2) * 100,
                Y = (y - height / 2) * 100,
                Width = width * 100,
                Height = height * 100,
                Rotation = 0,
                RectangleLabels = [classes[classId]],
            },
            ToName = options.ToName,
            FromName = options.FromName,
            ImageRotation = 0,
            OriginalWidth = size.Width,
            OriginalHeight = size.Height,

            // As the official importer: a score of 0 is left out (its truthiness test).
            Score = values.Length == 6 && numbers[4] != 0 ? numbers[4] : null,
        };
    }

    private static async Task<(int Width, int Height)?> ReadSizeAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var header = await ImageHeaderReader.ReadAsync(stream, path, cancellationToken).ConfigureAwait(false);
                return (header.Width, header.Height);
            }
            catch (MediaException)
            {
                return null;
            }
        }
    }

    private static void Drop(ConversionReport report, long taskIndex, string file, int line, string reason, string message)
    {
        var place = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"labels/{Path.GetFileNameWithoutExtension(file)}.txt line {line}") : $"images/{file}";
        report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, reason, $"{place}: {message}; the region was skipped.") { TaskIndex = taskIndex });
    }
}
