using System.Collections.Frozen;
using System.Globalization;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// The COCO writer (formats reference §5.6). Streams: images and annotations go to two temporary files as
/// tasks are read and are joined into <c>result.json</c> at the end, with the categories (known from the config,
/// plus any unknown label met on the way) between them, so memory does not grow with the dataset. Where the file
/// system allows it the annotations file itself becomes result.json (see <see cref="WriteResultAsync"/>).
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
    private readonly FrozenDictionary<string, int> _knownCategories;
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

        _knownCategories = _categories.Snapshot();
    }

    /// <summary>
    /// False to always assemble result.json by copying the annotations after its head (what file systems without
    /// <c>FALLOC_FL_INSERT_RANGE</c> get): tests compare both ways.
    /// </summary>
    public bool InsertInPlace { get; init; } = true;

    /// <summary>After <see cref="RunAsync"/>: whether result.json's head was put in front of the annotations in place.</summary>
    public bool WroteInPlace { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "images"));
        var imagesPath = Path.Combine(_context.OutputDirectory, ".images.part");
        var annotationsPath = Path.Combine(_context.OutputDirectory, ".annotations.part");

        // Probed up front, not just tried at the end, because the streaming differs: when the annotations file will
        // become result.json its data is handed to the disk as it is written (the gap's writeback then waits for the
        // last megabytes only); when it is a temporary file to be copied and deleted, writing it to disk is waste.
        var inPlace = InsertInPlace && FileRanges.Probe(_context.OutputDirectory);
        try
        {
            var imagesFile = NewFile(imagesPath);
            await using (imagesFile.ConfigureAwait(false))
            {
                var annotationsFile = NewFile(annotationsPath);
                await using (annotationsFile.ConfigureAwait(false))
                {
                    await WritePartsAsync(new PartOutput(imagesFile, writeback: false), new PartOutput(annotationsFile, writeback: inPlace), cancellationToken).ConfigureAwait(false);
                }
            }

            await WriteResultAsync(imagesPath, annotationsPath, inPlace, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(imagesPath);
            File.Delete(annotationsPath);
        }
    }

    /// <summary>
    /// Tasks are rendered on the thread pool, chunk by chunk, into UTF-8 pieces with holes for what depends on the
    /// order (image and annotation ids, the comma before each object, ids of labels the config does not know); here
    /// the pieces are joined in task order, the holes filled, and each task's issues replayed at its place.
    /// </summary>
    private async Task WritePartsAsync(PartOutput images, PartOutput annotations, CancellationToken cancellationToken)
    {
        var report = _context.Report;
        // Copying images keeps a cache and writes files: that work stays on this thread, in task order.
        var rendered = OrderedParallelMap.MapWithPooledStateAsync<LabelStudioTask, CocoChunk, RenderedTask>(
            _context.Tasks, RenderTaskAsync, sequential: _resources.Download, cancellationToken);
        long index = 0;
        await foreach (var task in rendered.ConfigureAwait(false))
        {
            report.TaskRead();
            task.Report.ReplayInto(report);
            var chunk = task.Chunk;
            for (var i = task.ItemStart; i < task.ItemEnd; i++)
            {
                var item = chunk.Items[i];
                images.Write(chunk.Images.WrittenSpan, chunk.ImageSlots, item.Images, _imageCount, ref _annotationCount, _categories);
                annotations.Write(chunk.Annotations.WrittenSpan, chunk.AnnotationSlots, item.Annotations, _imageCount, ref _annotationCount, _categories);
                if (item.CountsImage)
                {
                    _imageCount++;
                }
            }

            await images.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            await annotations.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            index++;
            if ((index & 1023) == 0)
            {
                _context.Progress?.Report(index);
            }
        }

        _context.Progress?.Report(index);
        await annotations.FlushAsync(cancellationToken).ConfigureAwait(false);
        annotations.HandRestToDisk();
        await images.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RenderedTask> RenderTaskAsync(LabelStudioTask task, long index, CocoChunk chunk, CancellationToken cancellationToken)
    {
        var recorder = chunk.Recorder;
        var report = recorder.Report;
        report.ReplayTarget = _context.Report;
        var mark = recorder.Mark();
        var itemStart = chunk.Items.Count;
        var written = false;
        var items = ImageExport.Annotations.ItemsOf(task, index, _config, report);
        var reference = items.Count > 0 ? ImageExport.Annotations.ImageReference(task, _dataKey) : null;
        var image = reference is null ? null : await _resources.ResolveAsync(reference, index, task, report, cancellationToken).ConfigureAwait(false);

        // An image file that could be read decides file_name and the image size (formats reference §5.6, §7); both
        // are the task's, the same for each of its items.
        var fileName = reference is null ? null : image?.RelativePath ?? ImagePaths.Resolve(reference);
        foreach (var item in items)
        {
            written |= RenderItem(item, chunk, fileName, image, report);
        }

        if (written)
        {
            report.TaskWritten();
        }

        return new RenderedTask(chunk, itemStart, chunk.Items.Count, recorder.Since(mark));
    }

    private static FileStream NewFile(string path) => OutputFile.Create(path, 1, FileOptions.Asynchronous);

    private bool RenderItem(ImageItem item, CocoChunk chunk, string? fileName, ImageResource? image, ConversionReport report)
    {
        if (fileName is null)
        {
            report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image", $"task.data has no image under '{_dataKey}'.", item.TaskIndex, item.Task, item.Annotation));
            return false;
        }

        var images = chunk.Images;
        var annotations = chunk.Annotations;
        var imagesStart = (chunk.ImageSlots.Count, images.WrittenCount);
        var annotationsStart = (chunk.AnnotationSlots.Count, annotations.WrittenCount);

        double? width = image is { Width: { } fileWidth, Height: not null } ? fileWidth : null;
        double? height = width is null ? null : image!.Height;
        if (!item.HasOutput)
        {
            WriteImage(chunk, fileName, width, height);
            chunk.AddItem(imagesStart, annotationsStart, countsImage: true);
            return true;
        }

        if (width is not null)
        {
            WriteImage(chunk, fileName, width, height);
        }

        // The item's keypoints, gathered in the chunk's reused list (the writer renders one item at a time per chunk).
        List<Result>? keyPoints = null;
        var written = 0;
        foreach (var region in ListSpan.Of(item.Regions))
        {
            var value = region.Value;
            if (value is KeyPointValue)
            {
                (keyPoints ??= chunk.KeyPoints()).Add(region);
                continue;
            }

            if (value is not (RectangleValue or PolygonValue))
            {
                if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, "unsupported-region-type"))
                {
                    Drop(report, item, region, "unsupported-region-type", chunk.UnsupportedTypeMessage(region.Type));
                }

                continue;
            }

            // Result.GetLabels for the two shapes, without its interface casts: the value's labels, else the result's.
            var labels = (value is RectangleValue rectangle ? rectangle.RectangleLabels : ((PolygonValue)value).PolygonLabels) ?? region.Labels;
            if (labels is null || labels.Count == 0)
            {
                Drop(report, item, region, "no-labels", "The region has no label.");
                continue;
            }

            if (width is null || height is null)
            {
                if (region.OriginalWidth is not { } w || region.OriginalHeight is not { } h)
                {
                    Drop(report, item, region, "missing-image-size", "The region has no original_width/original_height and the image size is not known yet.");
                    continue;
                }

                (width, height) = (w, h);
                WriteImage(chunk, fileName, w, h);
            }

            // A label the config knows has a fixed id; an unknown one gets the next id where the ordered consumer
            // meets it (the official table appends it then, even when the region is dropped below).
            var label = labels[0];
            int? categoryId = null;
            if (_knownCategories.TryGetValue(label, out var knownId))
            {
                categoryId = knownId;
            }
            else if (!_categories.AppendsUnknown)
            {
                if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, "label-not-in-classes"))
                {
                    Drop(report, item, region, "label-not-in-classes", $"Label '{label}' is not a class of this export.");
                }

                continue;
            }
            else
            {
                chunk.AnnotationSlots.Add(new Slot(annotations.WrittenCount, SlotKind.RegisterCategory, label));
            }

            if (labels.Count > 1)
            {
                report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.Warning, "extra-labels-ignored", $"COCO keeps the first label of a region; '{string.Join("', '", labels.Skip(1))}' not exported.", item.TaskIndex, item.Task, item.Annotation, region));
            }

            if (value is RectangleValue box)
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
                    Drop(report, item, region, "missing-image-size", "The rectangle has no original_width/original_height (set UseImageSizeForUnsizedRegions to use the image's size).");
                    continue;
                }

                var bbox = RectangleBounds(box, regionWidth, regionHeight);
                StartAnnotation(chunk, categoryId, label);
                var output = chunk.Annotations;
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.RectangleBoxStart, bbox.X);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, bbox.Y);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, bbox.Width);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, bbox.Height);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.BoxEndThenArea, bbox.Width * bbox.Height);
                output.Write(CocoPartLayout.ObjectEnd);
                written++;
            }
            else if (value is PolygonValue polygon)
            {
                var points = ListSpan.Of(polygon.Points);
                if (points.Length == 0)
                {
                    Drop(report, item, region, "empty-polygon", "The polygon has no points.");
                    continue;
                }

                var coordinates = chunk.Coordinates(points.Length * 2);
                for (var i = 0; i < points.Length; i++)
                {
                    coordinates[2 * i] = points[i].X / 100 * width.Value;
                    coordinates[(2 * i) + 1] = points[i].Y / 100 * height.Value;
                }

                double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
                double sum1 = 0, sum2 = 0;
                var n = points.Length;
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

                StartAnnotation(chunk, categoryId, label);
                var output = chunk.Annotations;
                var separator = CocoPartLayout.PolygonStart;
                foreach (var c in coordinates)
                {
                    CocoPartLayout.TextThenFloat(output, separator, c);
                    separator = CocoPartLayout.CoordinateSeparator;
                }

                CocoPartLayout.TextThenFloat(output, CocoPartLayout.PolygonEndThenBox, minX);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, minY);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, maxX - minX);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, maxY - minY);
                CocoPartLayout.TextThenFloat(output, CocoPartLayout.BoxEndThenArea, 0.5 * Math.Abs(sum1 - sum2));
                output.Write(CocoPartLayout.ObjectEnd);
                written++;
            }
        }

        if (keyPoints is not null)
        {
            written += WriteKeyPoints(item, keyPoints, chunk, fileName, ref width, ref height, report);
        }

        chunk.AddItem(imagesStart, annotationsStart, countsImage: width is not null);
        report.ItemsAdded(written);
        return width is not null;
    }

    /// <summary>Opens an annotation object with holes for its id and image id (and an unknown label's category id).</summary>
    private static void StartAnnotation(CocoChunk chunk, int? categoryId, string label)
    {
        var output = chunk.Annotations;
        var slots = chunk.AnnotationSlots;
        slots.Add(new Slot(output.WrittenCount, SlotKind.Comma, null));
        output.Write(CocoPartLayout.AnnotationId);
        slots.Add(new Slot(output.WrittenCount, SlotKind.AnnotationId, null));
        output.Write(CocoPartLayout.AnnotationImageId);
        slots.Add(new Slot(output.WrittenCount, SlotKind.ImageId, null));
        if (categoryId is { } id)
        {
            CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationCategoryId, id);
        }
        else
        {
            output.Write(CocoPartLayout.AnnotationCategoryId);
            slots.Add(new Slot(output.WrittenCount, SlotKind.CategoryId, label));
        }
    }

    private int WriteKeyPoints(ImageItem item, List<Result> keyPoints, CocoChunk chunk, string fileName, ref double? width, ref double? height, ConversionReport report)
    {
        if (_keyPointSlots.Count == 0 || _keyPointCategoryId is not { } categoryId)
        {
            // The official converter raises ValueError here and the whole export fails.
            foreach (var region in keyPoints)
            {
                Drop(report, item, region, "keypoint-without-model-index", "No keypoint label of the config has a model_index, so COCO keypoints have no slots.");
            }

            return 0;
        }

        var values = chunk.KeyPointValues(_keyPointSlots.Count * 3);
        foreach (var region in keyPoints)
        {
            var point = (KeyPointValue)region.Value!;
            if (region.OriginalWidth is not { } w || region.OriginalHeight is not { } h)
            {
                Drop(report, item, region, "missing-image-size", "The keypoint has no original_width/original_height.");
                continue;
            }

            string? label = null;
            foreach (var candidate in ListSpan.Of(region.GetLabels()))
            {
                if (IndexOf(_keyPointSlots, candidate) >= 0)
                {
                    label = candidate;
                    break;
                }
            }

            if (label is null)
            {
                Drop(report, item, region, "keypoint-label-not-indexed", "The keypoint's label has no model_index in the config.");
                continue;
            }

            if (width is null || height is null)
            {
                (width, height) = (w, h);
                WriteImage(chunk, fileName, w, h);
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
            return 0;
        }

        var output = chunk.Annotations;
        StartAnnotation(chunk, categoryId, DefaultCategory);
        var separator = CocoPartLayout.KeyPointsStart;
        foreach (var v in values)
        {
            CocoPartLayout.TextThenInt(output, separator, v);
            separator = CocoPartLayout.ItemSeparator;
        }

        CocoPartLayout.TextThenInt(output, CocoPartLayout.KeyPointsEndThenCount, visible);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.KeyPointBoxStart, minX);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, minY);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, maxX - minX);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, maxY - minY);
        output.Write(CocoPartLayout.KeyPointBoxEnd);
        return 1;
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

        // Official: the enclosing box is taken in percent space, then scaled (wrong when width != height), with the
        // official arithmetic so the numbers are bit-identical; a zero width, where the official converter stops
        // with ZeroDivisionError, takes the true geometry.
        var percent = OfficialGeometry.CocoRotatedBounds(box.X, box.Y, box.Width, box.Height, rotation) ?? rotated.GetBounds();
        return new AxisAlignedBox(percent.X * width / 100, percent.Y * height / 100, percent.Width * width / 100, percent.Height * height / 100);
    }

    /// <summary>Writes an image object with holes for the comma before it and its id.</summary>
    private static void WriteImage(CocoChunk chunk, string fileName, double? width, double? height)
    {
        var output = chunk.Images;
        chunk.ImageSlots.Add(new Slot(output.WrittenCount, SlotKind.Comma, null));
        WriteSize(output, CocoPartLayout.ImageWidth, width);
        WriteSize(output, CocoPartLayout.ImageHeight, height);
        output.Write(CocoPartLayout.ImageId);
        chunk.ImageSlots.Add(new Slot(output.WrittenCount, SlotKind.ImageId, null));
        output.Write(CocoPartLayout.ImageFileName);
        UjsonWriter.WriteQuoted(output, fileName);
        output.Write(CocoPartLayout.ObjectEnd);
    }

    private static void WriteSize(Utf8Buffer output, ReadOnlySpan<byte> name, double? size)
    {
        if (size is { } s && s == Math.Floor(s) && Math.Abs(s) < long.MaxValue)
        {
            CocoPartLayout.TextThenInt(output, name, (long)s);
        }
        else if (size is { } f)
        {
            CocoPartLayout.TextThenFloat(output, name, f);
        }
        else
        {
            output.Write(name);
            output.Write("null"u8);
        }
    }

    /// <summary>
    /// Joins the parts into result.json: the head (<c>{</c>, the images, the categories, <c>"annotations": [</c>),
    /// the annotations, then the tail (<c>]</c>, the info, <c>}</c>). In place where the file system can open a gap
    /// of whole blocks in front of the annotations part: the head goes into the gap, padded to the gap's length with
    /// spaces at the end of its last line (JSON whitespace: the same lines and values), the tail is appended, and the
    /// part is renamed to result.json; the annotations are never copied. Otherwise both parts are copied into a new
    /// result.json, which then has no padding.
    /// </summary>
    private async Task WriteResultAsync(string imagesPath, string annotationsPath, bool inPlace, CancellationToken cancellationToken)
    {
        var resultPath = Path.Combine(_context.OutputDirectory, "result.json");
        var imagesLength = new FileInfo(imagesPath).Length;
        var annotationsLength = new FileInfo(annotationsPath).Length;
        var (head, middle, tail) = ResultText(imagesLength > 0, annotationsLength > 0);
        if (inPlace && annotationsLength > 0 &&
            await TryInsertHeadAsync(annotationsPath, annotationsLength, head, imagesPath, imagesLength, middle, tail, cancellationToken).ConfigureAwait(false))
        {
            File.Move(annotationsPath, resultPath, overwrite: true);
            WroteInPlace = true;
            return;
        }

        await using var result = NewFile(resultPath);
        await result.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await PartFileCopy.AppendAsync(imagesPath, result, kernelCopy: true, cancellationToken).ConfigureAwait(false);
        await result.WriteAsync(middle, cancellationToken).ConfigureAwait(false);
        await PartFileCopy.AppendAsync(annotationsPath, result, kernelCopy: true, cancellationToken).ConfigureAwait(false);
        await result.WriteAsync(tail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts result.json's head in front of the annotations part and its tail after them; false, with the part
    /// unchanged, when the file system refuses the gap.
    /// </summary>
    private static async Task<bool> TryInsertHeadAsync(string annotationsPath, long annotationsLength, byte[] head, string imagesPath, long imagesLength, byte[] middle, byte[] tail, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(annotationsPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous);
        var headLength = head.Length + imagesLength + middle.Length;
        var gap = GapLength(headLength, FileRanges.BlockSize(file));
        if (gap == 0 || !FileRanges.TryInsertAtStart(file, gap))
        {
            return false;
        }

        // The part is result.json's body from here on: a failure is an I/O error to report, not a reason to copy.
        await RandomAccess.WriteAsync(file, head, 0, cancellationToken).ConfigureAwait(false);
        if (imagesLength > 0)
        {
            await PartFileCopy.CopyAsync(imagesPath, file, head.Length, kernelCopy: true, cancellationToken).ConfigureAwait(false);
        }

        var padded = new byte[gap - head.Length - imagesLength];
        middle.CopyTo(padded, 0);
        padded.AsSpan(middle.Length).Fill((byte)' ');
        await RandomAccess.WriteAsync(file, padded, head.Length + imagesLength, cancellationToken).ConfigureAwait(false);
        await RandomAccess.WriteAsync(file, tail, gap + annotationsLength, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The gap for a head of <paramref name="headLength"/> bytes: the next multiple of <paramref name="blockSize"/>
    /// (the head itself when it is one), or 0 when the block size is unknown.
    /// </summary>
    internal static long GapLength(long headLength, long blockSize) =>
        blockSize <= 0 ? 0 : (headLength + blockSize - 1) / blockSize * blockSize;

    /// <summary>
    /// result.json's text around its two parts: up to the images, from the images to the annotations (ending with
    /// <c>"annotations": [</c>), and after the annotations. An empty part leaves its array as <c>[]</c>.
    /// </summary>
    private (byte[] Head, byte[] Middle, byte[] Tail) ResultText(bool hasImages, bool hasAnnotations)
    {
        var json = new UjsonWriter(new Utf8Buffer(1 << 12));
        json.StartObject();
        json.Name("images");
        json.StartArray();
        var head = Take(json);
        if (hasImages)
        {
            json.MarkHasItems();
        }

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
        var middle = Take(json);
        if (hasAnnotations)
        {
            json.MarkHasItems();
        }

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
        return (head, middle, Take(json));

        static byte[] Take(UjsonWriter json)
        {
            var bytes = json.Output.WrittenSpan.ToArray();
            json.Output.ResetWrittenCount();
            return bytes;
        }
    }

    private static void Drop(ConversionReport report, ImageItem item, Result region, string reason, string message)
    {
        if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, reason))
        {
            report.Add(ImageExport.Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));
        }
    }

    /// <summary>What a hole in a rendered piece stands for.</summary>
    private enum SlotKind : byte
    {
        /// <summary>A comma, unless the object is the first of its part file.</summary>
        Comma,

        /// <summary>The id of the item's image.</summary>
        ImageId,

        /// <summary>The next annotation id.</summary>
        AnnotationId,

        /// <summary>The id of a label the config does not know (appended on first sight).</summary>
        CategoryId,

        /// <summary>Nothing written: a label the config does not know was met, so it is appended now.</summary>
        RegisterCategory,
    }

    /// <summary>A hole at <paramref name="Offset"/> of a chunk's rendered bytes.</summary>
    private readonly record struct Slot(int Offset, SlotKind Kind, string? Label);

    /// <summary>An item's piece of one part: its slots and bytes in the chunk's buffers.</summary>
    private readonly record struct Piece(int SlotStart, int SlotEnd, int ByteStart, int ByteEnd);

    private readonly record struct ItemPieces(Piece Images, Piece Annotations, bool CountsImage);

    private readonly record struct RenderedTask(CocoChunk Chunk, int ItemStart, int ItemEnd, ReportSlice Report);

    /// <summary>The rendering state of one chunk of tasks (pooled): both parts' bytes and holes, and the report record.</summary>
    private sealed class CocoChunk : IPooledChunkState<CocoChunk>
    {
        public Utf8Buffer Images { get; } = new(1 << 16);

        public Utf8Buffer Annotations { get; } = new(1 << 16);

        public List<Slot> ImageSlots { get; } = [];

        public List<Slot> AnnotationSlots { get; } = [];

        public List<ItemPieces> Items { get; } = [];

        public ReportRecorder Recorder { get; } = new();

        private double[] _coordinates = new double[64];

        private long[] _keyPointValues = new long[16];

        private readonly List<Result> _keyPoints = [];

        // The message for the last unsupported result type met (the same few types come again and again).
        private ResultType _unsupportedType;
        private string? _unsupportedMessage;

        public string UnsupportedTypeMessage(ResultType type)
        {
            if (_unsupportedMessage is null || !_unsupportedType.Equals(type))
            {
                _unsupportedType = type;
                _unsupportedMessage = $"A '{type}' result is not a rectangle, polygon or keypoint; COCO has no place for it.";
            }

            return _unsupportedMessage;
        }

        /// <summary>A reused buffer for one polygon's pixel coordinates.</summary>
        public Span<double> Coordinates(int count)
        {
            if (_coordinates.Length < count)
            {
                _coordinates = new double[Math.Max(count, _coordinates.Length * 2)];
            }

            return _coordinates.AsSpan(0, count);
        }

        /// <summary>A reused, cleared buffer for one item's keypoint slots (x, y, visibility per slot).</summary>
        public Span<long> KeyPointValues(int count)
        {
            if (_keyPointValues.Length < count)
            {
                _keyPointValues = new long[Math.Max(count, _keyPointValues.Length * 2)];
            }

            var values = _keyPointValues.AsSpan(0, count);
            values.Clear();
            return values;
        }

        /// <summary>The reused list of one item's keypoint results, emptied.</summary>
        public List<Result> KeyPoints()
        {
            _keyPoints.Clear();
            return _keyPoints;
        }

        public CocoChunk Reset()
        {
            Images.ResetWrittenCount();
            Annotations.ResetWrittenCount();
            ImageSlots.Clear();
            AnnotationSlots.Clear();
            Items.Clear();
            Recorder.Reset();
            return this;
        }

        public void AddItem((int Slots, int Bytes) images, (int Slots, int Bytes) annotations, bool countsImage) =>
            Items.Add(new ItemPieces(
                new Piece(images.Slots, ImageSlots.Count, images.Bytes, Images.WrittenCount),
                new Piece(annotations.Slots, AnnotationSlots.Count, annotations.Bytes, Annotations.WrittenCount),
                countsImage));
    }

    /// <summary>One part file being joined from rendered pieces, in task order.</summary>
    private sealed class PartOutput(FileStream file, bool writeback)
    {
        // Half a megabyte per write: a few hundred writes for a 100k-task export instead of thousands (each one a
        // thread-pool hop with an asynchronous file on Linux), for 1 MB of buffer per part.
        private const int FlushAt = 1 << 19;

        // With writeback, finished data is handed to the disk in steps of this size (see FileRanges.StartWriteback).
        private const long WritebackStep = 8 << 20;

        private readonly Utf8Buffer _buffer = new(FlushAt * 2);
        private bool _first = true;
        private long _written;
        private long _handedToDisk;

        public void Write(ReadOnlySpan<byte> bytes, List<Slot> slots, Piece piece, long imageId, ref long annotationCount, CategoryTable categories)
        {
            var at = piece.ByteStart;
            for (var i = piece.SlotStart; i < piece.SlotEnd; i++)
            {
                var slot = slots[i];
                _buffer.Write(bytes[at..slot.Offset]);
                at = slot.Offset;
                switch (slot.Kind)
                {
                    case SlotKind.Comma:
                        if (!_first)
                        {
                            _buffer.GetSpan(1)[0] = (byte)',';
                            _buffer.Advance(1);
                        }

                        _first = false;
                        break;
                    case SlotKind.ImageId:
                        WriteInt(imageId);
                        break;
                    case SlotKind.AnnotationId:
                        WriteInt(annotationCount++);
                        break;
                    case SlotKind.CategoryId:
                    case SlotKind.RegisterCategory:
                        // Appending tables always give an id; only they leave category holes.
                        categories.TryGetId(slot.Label!, out var categoryId);
                        if (slot.Kind == SlotKind.CategoryId)
                        {
                            WriteInt(categoryId);
                        }

                        break;
                }
            }

            _buffer.Write(bytes[at..piece.ByteEnd]);
        }

        public ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
            _buffer.WrittenCount >= FlushAt ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

        public async ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            await file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _written += _buffer.WrittenCount;
            _buffer.ResetWrittenCount();
            if (writeback && _written - _handedToDisk >= WritebackStep)
            {
                // Whole pages only: the next write appends to the last, partly written one.
                var end = _written & ~4095L;
                FileRanges.StartWriteback(file.SafeFileHandle, _handedToDisk, end - _handedToDisk);
                _handedToDisk = end;
            }
        }

        /// <summary>With writeback, starts writing what the last steps left, so that it overlaps the rest of the end.</summary>
        public void HandRestToDisk()
        {
            if (writeback)
            {
                FileRanges.StartWriteback(file.SafeFileHandle, _handedToDisk, _written - _handedToDisk);
                _handedToDisk = _written;
            }
        }

        private void WriteInt(long value) => _buffer.WriteInt(value);
    }
}
