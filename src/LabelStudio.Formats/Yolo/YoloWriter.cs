using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Yolo;

/// <summary>The YOLO family writer (formats reference §5.8): detection/segmentation, pose layout and OBB.</summary>
internal sealed class YoloWriter
{
    private static readonly SearchValues<char> UnusualStemChars = SearchValues.Create(['/', '\\', '\0', ':']);

    private readonly ExportContext _context;
    private readonly LabelConfig _config;
    private readonly ImageExportOptions _options;
    private readonly bool _obb;
    private readonly bool _pose;
    private readonly CategoryTable _categories;
    private readonly string[] _keyPointLabels;
    private readonly string _labelsDirectory;
    private readonly string _dataKey;
    private readonly ImageResources _resources;
    private readonly FrozenDictionary<string, int> _knownCategories;

    private readonly LabelFileWriter _labelFiles;

    // A label file's content with the ids of unknown labels filled in (the ordered consumer's scratch).
    private readonly Utf8Buffer _filled = new(1 << 10);

    // Label files written so far and their line count, to report lines an overwrite loses (same image stem).
    private readonly Dictionary<string, (long TaskIndex, int Lines)> _written = new(StringComparer.Ordinal);

    public YoloWriter(ExportContext context, bool obb, bool withImages = false)
    {
        _context = context;
        _config = context.Config ?? throw new ConversionException("YOLO needs the labeling config.");
        _options = context.Options as ImageExportOptions ?? new ImageExportOptions { DownloadResources = context.Options.DownloadResources };
        _obb = obb;
        // As the official converter, any KeyPointLabels switches YOLO and YOLO_OBB to the pose layout.
        _pose = ImageFormatSupport.Has(_config, "KeyPointLabels");
        _categories = _pose ? CategoryTable.CreatePose(_config, _options) : CategoryTable.Create(_config, _options);
        _keyPointLabels = _pose ? [.. KeyPointOrder(_config)] : [];
        _labelsDirectory = Path.Combine(context.OutputDirectory, "labels");
        _labelFiles = new LabelFileWriter(_labelsDirectory);
        _dataKey = Annotations.ImageDataKey(_config);
        var format = (obb ? "YOLO_OBB" : "YOLO") + (withImages ? "_WITH_IMAGES" : string.Empty);
        _resources = new ImageResources(context, format, withImages || _options.DownloadResources);
        _knownCategories = _categories.Snapshot();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_labelsDirectory);
        Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "images"));

        // Label files are written by a thread of their own while the export is parsed (LabelFileWriter says why).
        _labelFiles.Start(cancellationToken);
        try
        {
            await ReadTasksAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed write is the cause: awaiting the writer rethrows it; otherwise the read error goes on.
            await _labelFiles.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        await _labelFiles.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await WriteClassesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tasks are rendered on the thread pool, chunk by chunk (label file names and lines as UTF-8 bytes, with holes
    /// for the ids of labels the config does not know); here, in task order, each item's issues are replayed, the
    /// holes filled, overwrites of an earlier label file detected, and the files queued for the writer thread.
    /// </summary>
    private async Task ReadTasksAsync(CancellationToken cancellationToken)
    {
        var report = _context.Report;
        // Copying images keeps a cache and writes files: that work stays on this thread, in task order.
        var rendered = OrderedParallelMap.MapWithPooledStateAsync<LabelStudioTask, YoloChunk, RenderedTask>(
            _context.Tasks, RenderTaskAsync, sequential: _resources.Download, cancellationToken);
        long index = 0;
        await foreach (var task in rendered.ConfigureAwait(false))
        {
            report.TaskRead();
            task.Report.ReplayInto(report);
            var written = false;
            for (var i = task.ItemStart; i < task.ItemEnd; i++)
            {
                written |= await QueueItemAsync(task.Chunk, i, cancellationToken).ConfigureAwait(false);
            }

            if (written)
            {
                report.TaskWritten();
            }

            index++;
            if ((index & 1023) == 0)
            {
                _context.Progress?.Report(index);
            }
        }

        _context.Progress?.Report(index);
    }

    private async ValueTask<RenderedTask> RenderTaskAsync(LabelStudioTask task, long index, YoloChunk chunk, CancellationToken cancellationToken)
    {
        var recorder = chunk.Recorder;
        recorder.Report.ReplayTarget = _context.Report;
        var mark = recorder.Mark();
        var items = Annotations.ItemsOf(task, index, _config, recorder.Report);
        var taskReport = recorder.Since(mark);
        var itemStart = chunk.Items.Count;

        // The image reference and its label stem are the task's, the same for each of its items (one per annotation).
        var reference = items.Count > 0 ? Annotations.ImageReference(task, _dataKey) : null;
        var labelStem = reference is null ? null : ImagePaths.LabelStem(reference);
        foreach (var item in items)
        {
            var itemMark = recorder.Mark();
            var rendered = await RenderItemAsync(item, reference, labelStem, chunk, recorder.Report, cancellationToken).ConfigureAwait(false);
            chunk.Items.Add(rendered with { Report = recorder.Since(itemMark) });
        }

        return new RenderedTask(chunk, itemStart, chunk.Items.Count, taskReport);
    }

    /// <summary>The order-independent part of an item: its label file's name and content, or why it has none.</summary>
    private async ValueTask<RenderedItem> RenderItemAsync(ImageItem item, string? reference, string? labelStem, YoloChunk chunk, ConversionReport report, CancellationToken cancellationToken)
    {
        var skipped = new RenderedItem(item, default, null, 0, 0, null, 0);
        if (reference is null || labelStem is null)
        {
            report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image", $"task.data has no image under '{_dataKey}'.", item.TaskIndex, item.Task, item.Annotation));
            return skipped;
        }

        var stem = labelStem;
        if (_resources.Download)
        {
            if (await _resources.ResolveAsync(reference, item.TaskIndex, item.Task, report, cancellationToken).ConfigureAwait(false) is { } image)
            {
                // Label files are named after the copied image (images/<md5[:8]>__<name>), as the official converter does.
                stem = ImagePaths.TruncateStem(ImagePaths.Stem(image.FileName));
            }
            else if (IsCloudStorage(reference))
            {
                // The official converter skips an item whose cloud image cannot be fetched (FIT-2611): a label file
                // without its image is useless for training. A missing local file keeps its label file, as there.
                report.Add(Annotations.Issue(
                    item.Annotation is null ? ConversionIssueKind.DroppedTask : ConversionIssueKind.DroppedAnnotation,
                    "image-not-fetched",
                    $"The cloud image '{MediaReference.Redact(reference)}' could not be copied into images/, so no label file is written for it (as the official converter).",
                    item.TaskIndex,
                    item.Task,
                    item.Annotation));
                return skipped;
            }
        }

        if (!IsInside(stem))
        {
            report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "unsafe-file-name", $"The image name '{stem}' would write outside the output folder.", item.TaskIndex, item.Task, item.Annotation));
            return skipped;
        }

        if (!item.HasOutput)
        {
            return new RenderedItem(item, default, stem, 0, 0, null, 0);
        }

        // The content stays in the chunk's buffer (no array per file) until the consumer has queued it.
        var text = chunk.Text;
        var start = text.WrittenCount;
        List<ClassSlot>? slots = null;
        var lines = _pose ? PoseLines(item, text, report) : Lines(item, text, report, ref slots);
        return new RenderedItem(item, default, stem, start, text.WrittenCount - start, slots, lines);
    }

    /// <summary>Fills an item's holes, detects an overwrite and queues its label file; false when it has none.</summary>
    private async ValueTask<bool> QueueItemAsync(YoloChunk chunk, int index, CancellationToken cancellationToken)
    {
        var rendered = chunk.Items[index];
        rendered.Report.ReplayInto(_context.Report);
        if (rendered.Stem is not { } stem)
        {
            return false;
        }

        var item = rendered.Item;
        if (!item.HasOutput)
        {
            if (!_written.ContainsKey(stem))
            {
                await _labelFiles.QueueAsync(stem, [], replace: false, cancellationToken).ConfigureAwait(false);
                _written[stem] = (item.TaskIndex, 0);
            }

            return true;
        }

        var replace = _written.TryGetValue(stem, out var before);
        if (replace && before.Lines > 0 && !_context.Report.TryCountOnly(ConversionIssueKind.Warning, "label-file-overwritten"))
        {
            // The official converter writes one file per image stem: this item replaces what an earlier one wrote.
            _context.Report.Add(new ConversionIssue(
                ConversionIssueKind.Warning,
                "label-file-overwritten",
                $"labels/{stem}.txt is written again: the {before.Lines} line(s) of task #{before.TaskIndex} are replaced (same image name; with several annotators the oldest annotation wins).")
            {
                TaskIndex = item.TaskIndex,
                TaskId = item.Task.Id,
                AnnotationId = item.Annotation?.Id,
            });
        }

        ValueTask queued;
        {
            var content = chunk.Text.WrittenSpan.Slice(rendered.ContentStart, rendered.ContentLength);
            if (rendered.Slots is { } slots)
            {
                content = FillClassIds(content, rendered.ContentStart, slots);
            }

            queued = _labelFiles.QueueAsync(stem, content, replace, cancellationToken);
        }

        await queued.ConfigureAwait(false);
        _written[stem] = (item.TaskIndex, rendered.Lines);
        _context.Report.ItemsAdded(rendered.Lines);
        return true;
    }

    /// <summary>Writes the ids of labels the config does not know, appending them to the classes in order.</summary>
    /// <param name="content">The rendered content, holes included.</param>
    /// <param name="contentStart">Where it starts in the chunk's buffer (the slots' offsets are the buffer's).</param>
    /// <param name="slots">The holes, in order.</param>
    private ReadOnlySpan<byte> FillClassIds(ReadOnlySpan<byte> content, int contentStart, List<ClassSlot> slots)
    {
        var filled = _filled;
        filled.ResetWrittenCount();
        var at = 0;
        foreach (var slot in slots)
        {
            var offset = slot.Offset - contentStart;
            filled.Write(content[at..offset]);
            at = offset;

            // Only appending tables leave holes, and they always give an id.
            _categories.TryGetId(slot.Label, out var id);
            if (slot.WritesId)
            {
                filled.WriteInt(id);
            }
        }

        filled.Write(content[at..]);
        return filled.WrittenSpan;
    }

    /// <summary>
    /// The class id of <paramref name="label"/> where it is fixed (known to the config, or the table never appends);
    /// null when the ordered consumer must give it (an unknown label of an appending table).
    /// </summary>
    private bool TryGetFixedId(string label, out int? id)
    {
        if (_knownCategories.TryGetValue(label, out var known))
        {
            id = known;
            return true;
        }

        id = null;
        return _categories.AppendsUnknown;
    }

    private int Lines(ImageItem item, Utf8Buffer text, ConversionReport report, ref List<ClassSlot>? slots)
    {
        var lines = 0;
        // Spans, not foreach over the interfaces: those box an enumerator per region and per label list.
        foreach (var region in ListSpan.Of(item.Regions))
        {
            var labels = ListSpan.Of(region.GetLabels());
            if (region.Value is not (RectangleValue or PolygonValue))
            {
                if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, "unsupported-region-type"))
                {
                    Drop(report, item, region, "unsupported-region-type", $"A '{region.Type}' result is not a rectangle or polygon; YOLO has no place for it.");
                }

                continue;
            }

            if (labels.IsEmpty)
            {
                Drop(report, item, region, "no-labels", "The region has no label.");
                continue;
            }

            foreach (var label in labels)
            {
                if (!TryGetFixedId(label, out var id))
                {
                    if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, "label-not-in-classes"))
                    {
                        Drop(report, item, region, "label-not-in-classes", $"Label '{label}' is not a class of this export.");
                    }

                    continue;
                }

                var lineStart = text.WrittenCount;
                var written = false;
                if (region.Value is RectangleValue box)
                {
                    if (_obb)
                    {
                        written = ObbLine(item, region, box, id, text, report);
                    }
                    else
                    {
                        WriteBox(text, id, (box.X + (box.Width / 2)) / 100, (box.Y + (box.Height / 2)) / 100, box.Width / 100, box.Height / 100);
                        written = true;
                    }
                }
                else if (region.Value is PolygonValue polygon)
                {
                    WriteId(text, id);
                    foreach (var point in ListSpan.Of(polygon.Points))
                    {
                        Put(text, (byte)' ');
                        PythonFloat.Write(text, point.X / 100);
                        Put(text, (byte)' ');
                        PythonFloat.Write(text, point.Y / 100);
                    }

                    written = true;
                }

                if (written)
                {
                    Put(text, (byte)'\n');
                    lines++;
                }

                if (id is null)
                {
                    // The official table appends the label when it is looked up, whether or not the line is written.
                    (slots ??= []).Add(new ClassSlot(lineStart, label, written));
                }
            }
        }

        return lines;
    }

    private static bool ObbLine(ImageItem item, Result region, RectangleValue box, int? id, Utf8Buffer text, ConversionReport report)
    {
        if (region.OriginalWidth is not { } width || region.OriginalHeight is not { } height || width <= 0 || height <= 0)
        {
            Drop(report, item, region, "missing-image-size", "YOLO_OBB needs original_width and original_height on the rectangle.");
            return false;
        }

        if (box.Rotation is not { } rotation)
        {
            Drop(report, item, region, "missing-rotation", "YOLO_OBB drops rectangles without a 'rotation' key, as the official converter does.");
            return false;
        }

        Span<Point2> corners = stackalloc Point2[4];
        OfficialGeometry.YoloObbCorners(box.X, box.Y, box.Width, box.Height, rotation, width, height, corners);
        WriteId(text, id);
        foreach (var corner in corners)
        {
            Put(text, (byte)' ');
            PythonFloat.Write(text, corner.X);
            Put(text, (byte)' ');
            PythonFloat.Write(text, corner.Y);
        }

        return true;
    }

    private int PoseLines(ImageItem item, Utf8Buffer text, ConversionReport report)
    {
        var lines = 0;
        // Plain loops over the (few) regions: the LINQ version's delegates and lists cost as much as the lines.
        List<Result>? keyPoints = null;
        var regions = ListSpan.Of(item.Regions);
        foreach (var region in regions)
        {
            if (region.Value is KeyPointValue)
            {
                (keyPoints ??= []).Add(region);
            }
        }

        foreach (var region in regions)
        {
            if (region.Value is KeyPointValue point)
            {
                if (region.ParentId is not { } parentId || !HasRectangle(item.Regions, parentId))
                {
                    Drop(report, item, region, "keypoint-without-parent", "In the YOLO pose layout a keypoint is written with its parent rectangle (parentID); this one has none.");
                }
                else if (!HasIndexedLabel(point))
                {
                    Drop(report, item, region, "keypoint-label-not-indexed", "The keypoint's label has no model_index in the config, so it has no slot in the pose line.");
                }

                continue;
            }

            if (region.Value is not RectangleValue box)
            {
                if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, "unsupported-region-type"))
                {
                    Drop(report, item, region, "unsupported-region-type", $"The YOLO pose layout writes rectangles with their keypoints; a '{region.Type}' result has no place.");
                }

                continue;
            }

            var labels = ListSpan.Of(region.GetLabels());
            if (labels.IsEmpty)
            {
                Drop(report, item, region, "no-labels", "The region has no label.");
                continue;
            }

            foreach (var label in labels)
            {
                // The pose table never appends: every id is fixed.
                if (!_knownCategories.TryGetValue(label, out var id))
                {
                    Drop(report, item, region, "label-not-in-classes", $"Label '{label}' is not a RectangleLabels class of the config.");
                    continue;
                }

                // Lines are joined with newlines, without one after the last.
                if (lines > 0)
                {
                    Put(text, (byte)'\n');
                }

                // process_keypoints_for_yolo scales first, then adds half the scaled size: not the detection
                // layout's (x + w / 2) / 100, and the last bit differs.
                var w = box.Width / 100;
                var h = box.Height / 100;
                WriteBox(text, id, (box.X / 100) + (w / 2), (box.Y / 100) + (h / 2), w, h);
                foreach (var keyPointLabel in _keyPointLabels)
                {
                    if (FirstKeyPoint(keyPoints, region.Id, keyPointLabel) is { } kp)
                    {
                        Put(text, (byte)' ');
                        PythonFloat.Write(text, kp.X / 100);
                        Put(text, (byte)' ');
                        PythonFloat.Write(text, kp.Y / 100);
                        text.Write(" 2"u8);
                    }
                    else
                    {
                        text.Write(" 0.0 0.0 0"u8);
                    }
                }

                lines++;
            }
        }

        return lines;
    }

    private static bool HasRectangle(IReadOnlyList<Result> regions, string id)
    {
        foreach (var region in ListSpan.Of(regions))
        {
            if (region.Value is RectangleValue && region.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasIndexedLabel(KeyPointValue point)
    {
        if (point.KeyPointLabels is not { } labels)
        {
            return false;
        }

        foreach (var label in ListSpan.Of(labels))
        {
            if (_keyPointLabels.Contains(label))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first keypoint (in region order) of rectangle <paramref name="parentId"/> labelled <paramref name="label"/>.</summary>
    private static KeyPointValue? FirstKeyPoint(List<Result>? keyPoints, string? parentId, string label)
    {
        if (keyPoints is null)
        {
            return null;
        }

        foreach (var keyPoint in keyPoints)
        {
            if (keyPoint.ParentId == parentId && ListSpan.Of(keyPoint.GetLabels()).Contains(label))
            {
                return (KeyPointValue)keyPoint.Value!;
            }
        }

        return null;
    }

    private async Task WriteClassesAsync(CancellationToken cancellationToken)
    {
        var ordered = _options.ClassMap is not null || _options.ClassIdOrder == ClassIdOrder.ConfigOrder
            ? _categories.List.OrderBy(c => c.Id).ToList()
            : [.. _categories.List];
        var classes = new StringBuilder();
        foreach (var (_, name) in ordered)
        {
            classes.Append(name).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(_context.OutputDirectory, "classes.txt"), classes.ToString(), cancellationToken).ConfigureAwait(false);

        var json = new UjsonWriter(new Utf8Buffer(1 << 12));
        json.StartObject();
        json.Name("categories");
        json.StartArray();
        foreach (var (id, name) in ordered)
        {
            json.StartObject();
            json.Property("id", id);
            json.Property("name", name);
            if (_pose)
            {
                json.Name("keypoints");
                json.StartArray();
                foreach (var keyPoint in KeyPointConfigOrder(_config))
                {
                    json.String(keyPoint);
                }

                json.EndArray();
            }

            json.EndObject();
        }

        json.EndArray();
        json.Name("info");
        json.StartObject();
        json.Property("year", _options.TimeProvider.GetLocalNow().Year);
        json.Property("version", "1.0");
        json.Property("contributor", "Label Studio");
        json.EndObject();
        json.EndObject();
        await File.WriteAllBytesAsync(Path.Combine(_context.OutputDirectory, "notes.json"), json.Output.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static void Drop(ConversionReport report, ImageItem item, Result region, string reason, string message)
    {
        if (!report.TryCountOnly(ConversionIssueKind.DroppedRegion, reason))
        {
            report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));
        }
    }

    private static bool IsCloudStorage(string reference)
    {
        try
        {
            return MediaReference.Parse(reference).Kind == MediaReferenceKind.CloudStorage;
        }
        catch (MediaException)
        {
            return false;
        }
    }

    private bool IsInside(string stem)
    {
        // A stem without separators names a file directly in labels/ ("<stem>.txt" is never "." or ".."); only
        // unusual names pay for the full-path check, on the path the writer opens.
        if (stem.AsSpan().IndexOfAny(UnusualStemChars) < 0)
        {
            return true;
        }

        var full = Path.GetFullPath(Path.Combine(_labelsDirectory, stem + ".txt"));
        return full.StartsWith(Path.GetFullPath(_labelsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static void WriteBox(Utf8Buffer text, int? id, double a, double b, double c, double d)
    {
        WriteId(text, id);
        Put(text, (byte)' ');
        PythonFloat.Write(text, a);
        Put(text, (byte)' ');
        PythonFloat.Write(text, b);
        Put(text, (byte)' ');
        PythonFloat.Write(text, c);
        Put(text, (byte)' ');
        PythonFloat.Write(text, d);
    }

    // A null id is a hole the consumer fills (FillClassIds).
    private static void WriteId(Utf8Buffer text, int? id)
    {
        if (id is { } value)
        {
            text.WriteInt(value);
        }
    }

    private static void Put(Utf8Buffer text, byte value) => text.Put(value);

    /// <summary>Keypoint labels with a model_index, in model_index order: the slots of a pose line.</summary>
    internal static IReadOnlyList<string> KeyPointOrder(LabelConfig config) =>
        [.. config.Controls.Where(c => c.TagName == "KeyPointLabels")
            .SelectMany(c => c.Labels)
            .Select(l => (Label: l.ResultValue, Index: l.GetInteger("model_index")))
            .Where(l => l.Label is not null && l.Index is not null)
            .OrderBy(l => l.Index)
            .Select(l => l.Label!)];

    internal static IReadOnlyList<string> KeyPointConfigOrder(LabelConfig config) =>
        [.. config.Controls.Where(c => c.TagName == "KeyPointLabels").SelectMany(c => c.LabelValues)];

    /// <summary>A hole for an unknown label's class id at <paramref name="Offset"/> in the chunk's buffer (nothing written when the line was dropped).</summary>
    private readonly record struct ClassSlot(int Offset, string Label, bool WritesId);

    /// <summary>
    /// One item rendered off the consumer's thread: no <paramref name="Stem"/> when it gets no label file (the report
    /// says why); its content is <paramref name="ContentLength"/> bytes at <paramref name="ContentStart"/> in the
    /// chunk's buffer (none for an item without output).
    /// </summary>
    private readonly record struct RenderedItem(ImageItem Item, ReportSlice Report, string? Stem, int ContentStart, int ContentLength, List<ClassSlot>? Slots, int Lines);

    private readonly record struct RenderedTask(YoloChunk Chunk, int ItemStart, int ItemEnd, ReportSlice Report);

    /// <summary>The rendering state of one chunk of tasks (pooled).</summary>
    private sealed class YoloChunk : IPooledChunkState<YoloChunk>
    {
        public Utf8Buffer Text { get; } = new(1 << 12);

        public List<RenderedItem> Items { get; } = [];

        public ReportRecorder Recorder { get; } = new();

        public YoloChunk Reset()
        {
            Items.Clear();
            Text.ResetWrittenCount();
            Recorder.Reset();
            return this;
        }
    }
}
