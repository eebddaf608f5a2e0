using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Brush;

/// <summary>
/// The BRUSH_TO_COCO writer (formats reference §5.10). Images and annotations are spilled, one compact JSON object
/// per line, to two temporary files as tasks are read and are copied into <c>result_coco.json</c> at the end, before
/// the categories (known only once every label was seen): memory does not grow with the dataset.
/// </summary>
internal sealed class BrushCocoWriter
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".bmp"];

    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ExportContext _context;
    private readonly LabelConfig _config;
    private readonly ImageExportOptions _options;
    private readonly List<string> _categories = [];
    private readonly Dictionary<string, int> _categoryIds = new(StringComparer.Ordinal);
    private long _annotationCount;

    public BrushCocoWriter(ExportContext context)
    {
        _context = context;
        _config = context.Config ?? throw new ConversionException("BRUSH_TO_COCO needs the labeling config.");
        _options = context.Options as ImageExportOptions ?? new ImageExportOptions { DownloadResources = context.Options.DownloadResources };
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The official converter creates an (empty) images/ folder beside the JSON.
        Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "images"));
        var imagesPath = Path.Combine(_context.OutputDirectory, ".images.part");
        var annotationsPath = Path.Combine(_context.OutputDirectory, ".annotations.part");
        try
        {
            await using (var images = NewWriter(imagesPath))
            await using (var annotations = NewWriter(annotationsPath))
            {
                long taskIndex = 0;
                long itemIndex = 0;
                await foreach (var task in _context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _context.Report.TaskRead();
                    var written = false;
                    foreach (var item in Annotations.ItemsOf(task, taskIndex, _config, _context.Report))
                    {
                        // The image id is the item's index, whether or not the item produced anything (gaps allowed).
                        written |= await WriteItemAsync(item, itemIndex++, images, annotations).ConfigureAwait(false);
                    }

                    if (written)
                    {
                        _context.Report.TaskWritten();
                    }

                    taskIndex++;
                    if ((taskIndex & 1023) == 0)
                    {
                        _context.Progress?.Report(taskIndex);
                    }
                }

                _context.Progress?.Report(taskIndex);
            }

            await WriteResultAsync(imagesPath, annotationsPath, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(imagesPath);
            File.Delete(annotationsPath);
        }
    }

    private static StreamWriter NewWriter(string path) =>
        new(OutputFile.Create(path, 1 << 16, FileOptions.Asynchronous), new UTF8Encoding(false));

    private async Task<bool> WriteItemAsync(ImageItem item, long imageId, StreamWriter images, StreamWriter annotations)
    {
        if (!item.HasOutput)
        {
            return false;
        }

        var before = _annotationCount;
        (int Width, int Height)? size = null;
        foreach (var region in item.Regions)
        {
            if (region.Value is not BrushValue brush || brush.Rle is null)
            {
                Drop(item, region, "unsupported-region-type", $"BRUSH_TO_COCO writes brush masks; a '{region.Type}' result without 'rle' is not exported.");
                continue;
            }

            var labels = region.GetLabels();
            if (labels.Count == 0)
            {
                Drop(item, region, "no-labels", "The brush region has no label.");
                continue;
            }

            if (region.OriginalWidth is not { } width || region.OriginalHeight is not { } height || width <= 0 || height <= 0)
            {
                Drop(item, region, "missing-image-size", "The brush region has no original_width/original_height, so its mask cannot be shaped.");
                continue;
            }

            Mask mask;
            try
            {
                mask = BrushRle.DecodeMask(brush.Rle, width, height);
            }
            catch (Exception exception) when (exception is RleFormatException or ArgumentException)
            {
                Drop(item, region, "invalid-rle", $"The brush RLE cannot be decoded as a {width}x{height} mask: {exception.Message}");
                continue;
            }

            if (labels.Count > 1)
            {
                _context.Report.Add(Annotations.Issue(ConversionIssueKind.Warning, "extra-labels-ignored", $"BRUSH_TO_COCO keeps the first label of a region; '{string.Join("', '", labels.Skip(1))}' not exported.", item.TaskIndex, item.Task, item.Annotation, region));
            }

            var categoryId = CategoryId(labels[0]);
            size ??= (width, height);
            var contours = 0;
            foreach (var contour in MaskContours.FindExternal(mask))
            {
                if (contour.Points.Count < 3)
                {
                    continue;
                }

                var box = contour.GetBoundingBox();
                await WriteLineAsync(annotations, json =>
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", _annotationCount++);
                    json.WriteNumber("image_id", imageId);
                    json.WriteNumber("category_id", categoryId);
                    json.WriteStartArray("segmentation");
                    json.WriteStartArray();
                    foreach (var point in contour.Points)
                    {
                        json.WriteNumberValue(point.X);
                        json.WriteNumberValue(point.Y);
                    }

                    json.WriteEndArray();
                    json.WriteEndArray();
                    json.WriteNumber("area", (long)contour.Area);
                    json.WriteStartArray("bbox");
                    json.WriteNumberValue((long)box.X);
                    json.WriteNumberValue((long)box.Y);
                    json.WriteNumberValue((long)box.Width);
                    json.WriteNumberValue((long)box.Height);
                    json.WriteEndArray();
                    json.WriteNumber("iscrowd", 0);
                    json.WriteString("annotator", item.Annotator);
                    json.WriteEndObject();
                }).ConfigureAwait(false);
                contours++;
            }

            if (contours == 0)
            {
                _context.Report.Add(Annotations.Issue(ConversionIssueKind.Warning, "empty-mask", "The mask has no region of three or more border points, so it gives no COCO polygon.", item.TaskIndex, item.Task, item.Annotation, region));
            }
        }

        var produced = _annotationCount - before;
        _context.Report.ItemsAdded(produced);
        if (produced == 0 || size is not { } known)
        {
            return produced > 0;
        }

        var url = ImageUrl(item.Task);
        if (url is null)
        {
            _context.Report.Add(Annotations.Issue(ConversionIssueKind.Warning, "missing-image", "task.data has no value ending in .jpg, .jpeg, .png, .gif or .bmp; the annotations have no image entry.", item.TaskIndex, item.Task, item.Annotation));
            return true;
        }

        await WriteLineAsync(images, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("id", imageId);
            json.WriteString("file_name", ImagePaths.BaseName(url));
            json.WriteString("path", url);
            json.WriteNumber("width", known.Width);
            json.WriteNumber("height", known.Height);
            json.WriteEndObject();
        }).ConfigureAwait(false);
        return true;
    }

    private int CategoryId(string label)
    {
        if (!_categoryIds.TryGetValue(label, out var id))
        {
            _categories.Add(label);
            id = _categories.Count;
            _categoryIds[label] = id;
        }

        return id;
    }

    /// <summary>The first task-data string ending in an image extension (case-insensitive), as the official converter picks it.</summary>
    private static string? ImageUrl(LabelStudioTask task)
    {
        foreach (var (_, node) in task.Data)
        {
            if (node is JsonValue value && value.TryGetValue<string>(out var text)
                && ImageExtensions.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                return text;
            }
        }

        return null;
    }

    private static async Task WriteLineAsync(StreamWriter destination, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, LineOptions))
        {
            write(json);
        }

        await destination.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
    }

    private async Task WriteResultAsync(string imagesPath, string annotationsPath, CancellationToken cancellationToken)
    {
        var resultPath = Path.Combine(_context.OutputDirectory, "result_coco.json");
        var stream = OutputFile.Create(resultPath, 1 << 16, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (json.ConfigureAwait(false))
            {
                json.WriteStartObject();
                json.WriteStartArray("images");
                await CopyLinesAsync(json, imagesPath, cancellationToken).ConfigureAwait(false);
                json.WriteEndArray();
                json.WriteStartArray("annotations");
                await CopyLinesAsync(json, annotationsPath, cancellationToken).ConfigureAwait(false);
                json.WriteEndArray();
                json.WriteStartArray("categories");
                var random = new Random();
                for (var i = 0; i < _categories.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id", i + 1);
                    json.WriteString("name", _categories[i]);
                    json.WriteString("supercategory", string.Empty);
#pragma warning disable CA5394 // A display colour, as the official random.randint: no security use.
                    json.WriteString("color", "#" + random.Next(0, 0x1000000).ToString("x6", CultureInfo.InvariantCulture));
#pragma warning restore CA5394
                    json.WriteStartObject("metadata");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                var now = _options.TimeProvider.GetLocalNow();
                json.WriteStartObject("info");
                json.WriteNumber("year", now.Year);
                json.WriteString("version", "1.0");
                json.WriteString("description", "Converted from Label Studio");
                json.WriteString("contributor", "Label Studio Converter");
                json.WriteString("date_created", now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
                json.WriteEndObject();
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task CopyLinesAsync(Utf8JsonWriter json, string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            json.WriteRawValue(line, skipInputValidation: true);
            if (json.BytesPending > (1 << 16))
            {
                await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Drop(ImageItem item, Result region, string reason, string message) =>
        _context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));
}
