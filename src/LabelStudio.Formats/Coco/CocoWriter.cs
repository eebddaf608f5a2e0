using System.Globalization;
using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// The COCO writer (formats reference §5.6). Streams: images and annotations go to two temporary files as
/// tasks are read and are spliced into <c>result.json</c> at the end, with the categories (known from the config,
/// plus any unknown label met on the way) between them, so memory does not grow with the dataset.
/// </summary>
internal sealed class CocoWriter
{
    private const string DefaultCategory = "default";

    private readonly ExportContext _context;
    private readonly LabelConfig _config;
    private readonly ImageExportOptions _options;
    private readonly CategoryTable _categories;
    private readonly IReadOnlyList<string> _keyPointSlots;
    private readonly IReadOnlyList<string> _keyPointLabels;
    private readonly int? _keyPointCategoryId;
    private readonly string _dataKey;
    private readonly ImageResources _resources;
    private long _imageCount;
    private long _annotationCount;

    public CocoWriter(ExportContext context, bool withImages = false)
    {
        _context = context;
        _config = context.Config ?? throw new ConversionException("COCO needs the labeling config.");
        _options = context.Options as ImageExportOptions ?? new ImageExportOptions { DownloadResources = context.Options.DownloadResources };
        _categories = CategoryTable.Create(_config, _options);
        _dataKey = Annotations.ImageDataKey(_config);
        _resources = new ImageResources(context, withImages ? "COCO_WITH_IMAGES" : "COCO", withImages || _options.DownloadResources);
        if (ImageFormatSupport.Has(_config, "KeyPointLabels"))
        {
            _keyPointLabels = Yolo.YoloWriter.KeyPointConfigOrder(_config);
            _keyPointSlots = Yolo.YoloWriter.KeyPointOrder(_config);
            _categories.Remove(_keyPointLabels);
            _keyPointCategoryId = _categories.MaxId + 1;
        }
        else
        {
            _keyPointLabels = [];
            _keyPointSlots = [];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "images"));
        var imagesPath = Path.Combine(_context.OutputDirectory, ".images.part");
        var annotationsPath = Path.Combine(_context.OutputDirectory, ".annotations.part");
        try
        {
            await using (var imagesFile = NewWriter(imagesPath))
            await using (var annotationsFile = NewWriter(annotationsPath))
            {
                var images = new UjsonWriter(imagesFile, 1);
                images.BeginSplicedArray();
                var annotations = new UjsonWriter(annotationsFile, 1);
                annotations.BeginSplicedArray();
                long index = 0;
                await foreach (var task in _context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    _context.Report.TaskRead();
                    var written = false;
                    var items = ImageExport.Annotations.ItemsOf(task, index, _config, _context.Report);
                    var reference = items.Count > 0 ? ImageExport.Annotations.ImageReference(task, _dataKey) : null;
                    var image = reference is null ? null : await _resources.ResolveAsync(reference, index, task, cancellationToken).ConfigureAwait(false);
                    foreach (var item in items)
                    {
                        written |= WriteItem(item, images, annotations, image);
                    }

                    if (written)
                    {
                        _context.Report.TaskWritten();
                    }

                    index++;
                    if ((index & 1023) == 0)
                    {
                        _context.Progress?.Report(index);
                    }
                }

                _context.Progress?.Report(index);
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
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous), new UTF8Encoding(false));

    private bool WriteItem(ImageItem item, UjsonWriter images, UjsonWriter annotations, ImageResource? image)
    {
        var reference = ImageExport.Annotations.ImageReference(item.Task, _dataKey);
        if (reference is null)
        {
            _context.Report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image", $"task.data has no image under '{_dataKey}'.", item.TaskIndex, item.Task, item.Annotation));
            return false;
        }

        // An image file that could be read decides file_name and the image size (formats reference §5.6, §7).
        var fileName = image?.RelativePath ?? ImagePaths.Resolve(reference);
        var imageId = _imageCount;
        double? width = image is { Width: { } fileWidth, Height: not null } ? fileWidth : null;
        double? height = width is null ? null : image!.Height;
        if (!item.HasOutput)
        {
            WriteImage(images, imageId, fileName, width, height);
            _imageCount++;
            return true;
        }

        if (width is not null)
        {
            WriteImage(images, imageId, fileName, width, height);
        }

        var keyPoints = new List<Result>();
        var before = _annotationCount;
        foreach (var region in item.Regions)
        {
            if (region.Value is KeyPointValue)
            {
                keyPoints.Add(region);
                continue;
            }

            var labels = region.GetLabels();
            if (region.Value is not (RectangleValue or PolygonValue))
            {
                Drop(item, region, "unsupported-region-type", $"A '{region.Type}' result is not a rectangle, polygon or keypoint; COCO has no place for it.");
                continue;
            }

            if (labels.Count == 0)
            {
                Drop(item, region, "no-labels", "The region has no label.");
                continue;
            }

            if (width is null || height is null)
            {
                if (region.OriginalWidth is not { } w || region.OriginalHeight is not { } h)
                {
                    Drop(item, region, "missing-image-size", "The region has no original_width/original_height and the image size is not known yet.");
                    continue;
                }

                (width, height) = (w, h);
                WriteImage(images, imageId, fileName, w, h);
            }

            if (!_categories.TryGetId(labels[0], out var categoryId))
            {
                Drop(item, region, "label-not-in-classes", $"Label '{labels[0]}' is not a class of this export.");
                continue;
            }

            if (labels.Count > 1)
            {
                _context.Report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.Warning, "extra-labels-ignored", $"COCO keeps the first label of a region; '{string.Join("', '", labels.Skip(1))}' not exported.", item.TaskIndex, item.Task, item.Annotation, region));
            }

            if (region.Value is RectangleValue box)
            {
                double regionWidth;
                double regionHeight;
                if (region.OriginalWidth is { } ow && region.OriginalHeight is { } oh)
                {
                    (regionWidth, regionHeight) = (ow, oh);
                }
                else if (_options.UseImageSizeForUnsizedRegions)
                {
                    (regionWidth, regionHeight) = (width.Value, height.Value);
                }
                else
                {
                    // The official converter stops with KeyError here; we drop the region and say so.
                    Drop(item, region, "missing-image-size", "The rectangle has no original_width/original_height (set UseImageSizeForUnsizedRegions to use the image's size).");
                    continue;
                }

                var bbox = RectangleBounds(box, regionWidth, regionHeight);
                annotations.StartObject();
                annotations.Property("id", _annotationCount++);
                annotations.Property("image_id", imageId);
                annotations.Property("category_id", categoryId);
                annotations.Name("segmentation");
                annotations.StartArray();
                annotations.EndArray();
                WriteNumbers(annotations, "bbox", [bbox.X, bbox.Y, bbox.Width, bbox.Height]);
                annotations.Property("ignore", 0);
                annotations.Property("iscrowd", 0);
                annotations.Property("area", bbox.Width * bbox.Height);
                annotations.EndObject();
            }
            else if (region.Value is PolygonValue polygon)
            {
                if (polygon.Points.Count == 0)
                {
                    Drop(item, region, "empty-polygon", "The polygon has no points.");
                    continue;
                }

                var coordinates = new double[polygon.Points.Count * 2];
                for (var i = 0; i < polygon.Points.Count; i++)
                {
                    coordinates[2 * i] = polygon.Points[i].X / 100 * width.Value;
                    coordinates[(2 * i) + 1] = polygon.Points[i].Y / 100 * height.Value;
                }

                double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
                double sum1 = 0, sum2 = 0;
                var n = polygon.Points.Count;
                for (var i = 0; i < n; i++)
                {
                    var x = coordinates[2 * i];
                    var y = coordinates[(2 * i) + 1];
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);

                    // Shoelace as numpy's 0.5*|dot(x, roll(y, 1)) - dot(y, roll(x, 1))|.
                    var previous = (i + n - 1) % n;
                    sum1 += x * coordinates[(2 * previous) + 1];
                    sum2 += y * coordinates[2 * previous];
                }

                annotations.StartObject();
                annotations.Property("id", _annotationCount++);
                annotations.Property("image_id", imageId);
                annotations.Property("category_id", categoryId);
                annotations.Name("segmentation");
                annotations.StartArray();
                annotations.StartArray();
                foreach (var c in coordinates)
                {
                    annotations.Float(c);
                }

                annotations.EndArray();
                annotations.EndArray();
                WriteNumbers(annotations, "bbox", [minX, minY, maxX - minX, maxY - minY]);
                annotations.Property("ignore", 0);
                annotations.Property("iscrowd", 0);
                annotations.Property("area", 0.5 * Math.Abs(sum1 - sum2));
                annotations.EndObject();
            }
        }

        if (keyPoints.Count > 0)
        {
            WriteKeyPoints(item, keyPoints, images, annotations, imageId, fileName, ref width, ref height);
        }

        if (width is not null)
        {
            _imageCount++;
        }

        _context.Report.ItemsAdded(_annotationCount - before);
        return width is not null;
    }

    private void WriteKeyPoints(ImageItem item, List<Result> keyPoints, UjsonWriter images, UjsonWriter annotations, long imageId, string fileName, ref double? width, ref double? height)
    {
        if (_keyPointSlots.Count == 0 || _keyPointCategoryId is not { } categoryId)
        {
            // The official converter raises ValueError here and the whole export fails.
            foreach (var region in keyPoints)
            {
                Drop(item, region, "keypoint-without-model-index", "No keypoint label of the config has a model_index, so COCO keypoints have no slots.");
            }

            return;
        }

        var values = new long[_keyPointSlots.Count * 3];
        foreach (var region in keyPoints)
        {
            var point = (KeyPointValue)region.Value!;
            if (region.OriginalWidth is not { } w || region.OriginalHeight is not { } h)
            {
                Drop(item, region, "missing-image-size", "The keypoint has no original_width/original_height.");
                continue;
            }

            var label = region.GetLabels().FirstOrDefault(l => _keyPointSlots.Contains(l));
            if (label is null)
            {
                Drop(item, region, "keypoint-label-not-indexed", "The keypoint's label has no model_index in the config.");
                continue;
            }

            if (width is null || height is null)
            {
                (width, height) = (w, h);
                WriteImage(images, imageId, fileName, w, h);
            }

            // A second keypoint with the same label replaces the first, as in the official converter.
            var slot = IndexOf(_keyPointSlots, label);
            values[3 * slot] = (long)Math.Round(point.X * w / 100, MidpointRounding.ToEven);
            values[(3 * slot) + 1] = (long)Math.Round(point.Y * h / 100, MidpointRounding.ToEven);
            values[(3 * slot) + 2] = 2;
        }

        var visible = 0;
        long minX = long.MaxValue, minY = long.MaxValue, maxX = long.MinValue, maxY = long.MinValue;
        for (var slot = 0; slot < _keyPointSlots.Count; slot++)
        {
            if (values[(3 * slot) + 2] == 0)
            {
                continue;
            }

            visible++;
            minX = Math.Min(minX, values[3 * slot]);
            maxX = Math.Max(maxX, values[3 * slot]);
            minY = Math.Min(minY, values[(3 * slot) + 1]);
            maxY = Math.Max(maxY, values[(3 * slot) + 1]);
        }

        if (visible == 0)
        {
            return;
        }

        annotations.StartObject();
        annotations.Property("id", _annotationCount++);
        annotations.Property("image_id", imageId);
        annotations.Property("category_id", categoryId);
        annotations.Name("keypoints");
        annotations.StartArray();
        foreach (var v in values)
        {
            annotations.Int(v);
        }

        annotations.EndArray();
        annotations.Property("num_keypoints", visible);
        annotations.Name("bbox");
        annotations.StartArray();
        annotations.Int(minX);
        annotations.Int(minY);
        annotations.Int(maxX - minX);
        annotations.Int(maxY - minY);
        annotations.EndArray();
        annotations.Property("iscrowd", 0);
        annotations.EndObject();
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private AxisAlignedBox RectangleBounds(RectangleValue box, double width, double height)
    {
        var rotation = box.Rotation ?? 0;
        if (rotation == 0)
        {
            return new AxisAlignedBox(box.X * width / 100, box.Y * height / 100, box.Width * width / 100, box.Height * height / 100);
        }

        var rotated = new RotatedBox(box.X, box.Y, box.Width, box.Height, rotation);
        if (_options.RotatedBoxesInPixels)
        {
            return rotated.GetPixelBounds(new ImageSize(width, height));
        }

        // Official: the enclosing box is taken in percent space, then scaled (wrong when width != height).
        var percent = rotated.GetBounds();
        return new AxisAlignedBox(percent.X * width / 100, percent.Y * height / 100, percent.Width * width / 100, percent.Height * height / 100);
    }

    private static void WriteImage(UjsonWriter images, long id, string fileName, double? width, double? height)
    {
        images.StartObject();
        images.Name("width");
        WriteSize(images, width);
        images.Name("height");
        WriteSize(images, height);
        images.Property("id", id);
        images.Property("file_name", fileName);
        images.EndObject();
    }

    private static void WriteSize(UjsonWriter writer, double? size)
    {
        if (size is { } s && s == Math.Floor(s) && Math.Abs(s) < long.MaxValue)
        {
            writer.Int((long)s);
        }
        else if (size is { } f)
        {
            writer.Float(f);
        }
        else
        {
            writer.NullableInt(null);
        }
    }

    private static void WriteNumbers(UjsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.Name(name);
        writer.StartArray();
        foreach (var value in values)
        {
            writer.Float(value);
        }

        writer.EndArray();
    }

    private async Task WriteResultAsync(string imagesPath, string annotationsPath, CancellationToken cancellationToken)
    {
        var resultPath = Path.Combine(_context.OutputDirectory, "result.json");
        await using var result = NewWriter(resultPath);
        var json = new UjsonWriter(result);
        json.StartObject();
        json.Name("images");
        json.StartArray();
        await SpliceAsync(json, imagesPath, result, cancellationToken).ConfigureAwait(false);
        json.EndArray();
        json.Name("categories");
        json.StartArray();
        var ordered = _options.ClassMap is not null || _options.ClassIdOrder == ClassIdOrder.ConfigOrder
            ? _categories.List.OrderBy(c => c.Id).ToList()
            : [.. _categories.List];
        foreach (var (id, name) in ordered)
        {
            json.StartObject();
            json.Property("id", id);
            json.Property("name", name);
            json.EndObject();
        }

        if (_keyPointCategoryId is { } keyPointId)
        {
            json.StartObject();
            json.Property("id", keyPointId);
            json.Property("name", DefaultCategory);
            json.Property("supercategory", DefaultCategory);
            json.Name("keypoints");
            json.StartArray();
            foreach (var label in _keyPointLabels)
            {
                json.String(label);
            }

            json.EndArray();
            json.Name("skeleton");
            json.StartArray();
            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
        json.Name("annotations");
        json.StartArray();
        await SpliceAsync(json, annotationsPath, result, cancellationToken).ConfigureAwait(false);
        json.EndArray();
        var now = _options.TimeProvider.GetLocalNow();
        json.Name("info");
        json.StartObject();
        json.Property("year", now.Year);
        json.Property("version", "1.0");
        json.Property("description", string.Empty);
        json.Property("contributor", "Label Studio");
        json.Property("url", string.Empty);
        json.Property("date_created", now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        json.EndObject();
        json.EndObject();
        await result.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task SpliceAsync(UjsonWriter json, string partPath, StreamWriter destination, CancellationToken cancellationToken)
    {
        if (new FileInfo(partPath).Length == 0)
        {
            return;
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using (var part = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            await part.CopyToAsync(destination.BaseStream, cancellationToken).ConfigureAwait(false);
        }

        json.MarkHasItems();
    }

    private void Drop(ImageItem item, Result region, string reason, string message) =>
        _context.Report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));
}
