using System.Globalization;
using System.Text;
using System.Threading.Channels;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using Microsoft.Win32.SafeHandles;

namespace LabelStudio.Formats.Yolo;

/// <summary>The YOLO family writer (formats reference §5.8): detection/segmentation, pose layout and OBB.</summary>
internal sealed class YoloWriter
{
    private static readonly System.Buffers.SearchValues<char> UnusualStemChars = System.Buffers.SearchValues.Create(['/', '\\', '\0', ':']);

    private readonly ExportContext _context;
    private readonly LabelConfig _config;
    private readonly ImageExportOptions _options;
    private readonly bool _obb;
    private readonly bool _pose;
    private readonly CategoryTable _categories;
    private readonly IReadOnlyList<string> _keyPointLabels;
    private readonly string _labelsDirectory;
    private readonly string _dataKey;
    private readonly ImageResources _resources;

    // Files travel to the writer thread in batches: one hand-off per file woke the writer (and the thread pool's
    // spinning workers) ~100 000 times, which showed up as seconds of scheduler time in the kernel.
    private const int BatchSize = 256;

    private readonly Channel<List<LabelFile>> _files =
        Channel.CreateBounded<List<LabelFile>>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });

    private List<LabelFile> _batch = new(BatchSize);

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
        _keyPointLabels = _pose ? KeyPointOrder(_config) : [];
        _labelsDirectory = Path.Combine(context.OutputDirectory, "labels");
        _dataKey = Annotations.ImageDataKey(_config);
        var format = (obb ? "YOLO_OBB" : "YOLO") + (withImages ? "_WITH_IMAGES" : string.Empty);
        _resources = new ImageResources(context, format, withImages || _options.DownloadResources);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_labelsDirectory);
        Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "images"));

        // Label files (one per image, ~100 000 for a large export) are written by a second thread while the export is
        // parsed: creating a file costs about as much as parsing its task. One writer keeps the order, so a later
        // item still overwrites an earlier one with the same image stem.
        var writing = Task.Run(() => WriteFilesAsync(cancellationToken), cancellationToken);
        try
        {
            await ReadTasksAsync(cancellationToken).ConfigureAwait(false);
            await FlushBatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _files.Writer.TryComplete();

            // A failed write is the cause: awaiting the writer rethrows it; otherwise the read error goes on.
            await writing.ConfigureAwait(false);
            throw;
        }

        _files.Writer.TryComplete();
        await writing.ConfigureAwait(false);
        await WriteClassesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteFilesAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Synchronous writes: a small file is cheaper to write than to schedule as asynchronous I/O.
            await foreach (var batch in _files.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var file in batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteLabelFile(file);
                }
            }
        }
        catch (Exception ex)
        {
            _files.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Creates one label file in the (fresh) staging folder.</summary>
    /// <remarks>
    /// <see cref="FileMode.Create"/> (and <see cref="File.WriteAllBytes(string, byte[])"/>) opens without O_TRUNC and
    /// truncates to zero after taking its advisory lock; on ext4 a file truncated to zero is flushed to disk when it
    /// is closed (the auto_da_alloc replace-by-truncate safeguard). <see cref="FileMode.CreateNew"/> (O_EXCL) needs
    /// no truncation: 20 000 files took 0.6 s of system time instead of 5.7 s (benchmarks/README.md has the 100k-task
    /// runs). Only a second file for the same image stem (an overwrite, which the reader
    /// side knows of) truncates, as does a name that differs from an earlier one only in case on a case-insensitive
    /// file system.
    /// </remarks>
    internal static void WriteLabelFile(LabelFile file)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file.Path, file.Replace ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (!file.Replace && File.Exists(file.Path))
        {
            handle = File.OpenHandle(file.Path, FileMode.Create, FileAccess.Write, FileShare.None);
        }

        using var owned = handle;
        if (file.Content.Length > 0)
        {
            RandomAccess.Write(handle, file.Content, 0);
        }
    }

    private async ValueTask QueueFileAsync(string path, byte[] content, bool replace, CancellationToken cancellationToken)
    {
        _batch.Add(new LabelFile(path, content, replace));
        if (_batch.Count >= BatchSize)
        {
            await FlushBatchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FlushBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var batch = _batch;
        _batch = new List<LabelFile>(BatchSize);
        if (!_files.Writer.TryWrite(batch))
        {
            await _files.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadTasksAsync(CancellationToken cancellationToken)
    {
        var report = _context.Report;
        long index = 0;
        await foreach (var task in _context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            report.TaskRead();
            var written = false;
            foreach (var item in Annotations.ItemsOf(task, index, _config, report))
            {
                written |= await WriteItemAsync(item, cancellationToken).ConfigureAwait(false);
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

    private async Task<bool> WriteItemAsync(ImageItem item, CancellationToken cancellationToken)
    {
        var reference = Annotations.ImageReference(item.Task, _dataKey);
        if (reference is null)
        {
            _context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image", $"task.data has no image under '{_dataKey}'.", item.TaskIndex, item.Task, item.Annotation));
            return false;
        }

        var stem = ImagePaths.LabelStem(reference);
        if (_resources.Download)
        {
            if (await _resources.ResolveAsync(reference, item.TaskIndex, item.Task, cancellationToken).ConfigureAwait(false) is { } image)
            {
                // Label files are named after the copied image (images/<md5[:8]>__<name>), as the official converter does.
                stem = ImagePaths.TruncateStem(ImagePaths.Stem(image.FileName));
            }
            else if (IsCloudStorage(reference))
            {
                // The official converter skips an item whose cloud image cannot be fetched (FIT-2611): a label file
                // without its image is useless for training. A missing local file keeps its label file, as there.
                _context.Report.Add(Annotations.Issue(
                    item.Annotation is null ? ConversionIssueKind.DroppedTask : ConversionIssueKind.DroppedAnnotation,
                    "image-not-fetched",
                    $"The cloud image '{MediaReference.Redact(reference)}' could not be copied into images/, so no label file is written for it (as the official converter).",
                    item.TaskIndex,
                    item.Task,
                    item.Annotation));
                return false;
            }
        }

        var path = Path.Combine(_labelsDirectory, stem + ".txt");
        if (!IsInside(stem, path))
        {
            _context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "unsafe-file-name", $"The image name '{stem}' would write outside the output folder.", item.TaskIndex, item.Task, item.Annotation));
            return false;
        }

        if (!item.HasOutput)
        {
            if (!_written.ContainsKey(stem))
            {
                await QueueFileAsync(path, [], replace: false, cancellationToken).ConfigureAwait(false);
                _written[stem] = (item.TaskIndex, 0);
            }

            return true;
        }

        var lines = _pose ? PoseLines(item) : Lines(item);
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(lines[i]);
            if (!_pose || i < lines.Count - 1)
            {
                text.Append('\n');
            }
        }

        var replace = _written.TryGetValue(stem, out var before);
        if (replace && before.Lines > 0)
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

        await QueueFileAsync(path, Encoding.UTF8.GetBytes(text.ToString()), replace, cancellationToken).ConfigureAwait(false);
        _written[stem] = (item.TaskIndex, lines.Count);
        _context.Report.ItemsAdded(lines.Count);
        return true;
    }

    private List<string> Lines(ImageItem item)
    {
        var lines = new List<string>();
        foreach (var region in item.Regions)
        {
            var labels = region.GetLabels();
            if (region.Value is not (RectangleValue or PolygonValue))
            {
                Drop(item, region, "unsupported-region-type", $"A '{region.Type}' result is not a rectangle or polygon; YOLO has no place for it.");
                continue;
            }

            if (labels.Count == 0)
            {
                Drop(item, region, "no-labels", "The region has no label.");
                continue;
            }

            foreach (var label in labels)
            {
                if (!_categories.TryGetId(label, out var id))
                {
                    Drop(item, region, "label-not-in-classes", $"Label '{label}' is not a class of this export.");
                    continue;
                }

                if (region.Value is RectangleValue box)
                {
                    if (_obb)
                    {
                        if (ObbLine(item, region, box, id) is { } line)
                        {
                            lines.Add(line);
                        }
                    }
                    else
                    {
                        lines.Add(Join(id, (box.X + (box.Width / 2)) / 100, (box.Y + (box.Height / 2)) / 100, box.Width / 100, box.Height / 100));
                    }
                }
                else if (region.Value is PolygonValue polygon)
                {
                    var builder = new StringBuilder(id.ToString(CultureInfo.InvariantCulture));
                    foreach (var point in polygon.Points)
                    {
                        PythonFloat.Append(builder.Append(' '), point.X / 100);
                        PythonFloat.Append(builder.Append(' '), point.Y / 100);
                    }

                    lines.Add(builder.ToString());
                }
            }
        }

        return lines;
    }

    private string? ObbLine(ImageItem item, Result region, RectangleValue box, int id)
    {
        if (region.OriginalWidth is not { } width || region.OriginalHeight is not { } height || width <= 0 || height <= 0)
        {
            Drop(item, region, "missing-image-size", "YOLO_OBB needs original_width and original_height on the rectangle.");
            return null;
        }

        if (box.Rotation is not { } rotation)
        {
            Drop(item, region, "missing-rotation", "YOLO_OBB drops rectangles without a 'rotation' key, as the official converter does.");
            return null;
        }

        var size = new ImageSize(width, height);
        var corners = new RotatedBox(box.X, box.Y, box.Width, box.Height, rotation).PercentToPixels(size).GetCorners();
        var builder = new StringBuilder(id.ToString(CultureInfo.InvariantCulture));
        foreach (var corner in corners)
        {
            PythonFloat.Append(builder.Append(' '), corner.X / width);
            PythonFloat.Append(builder.Append(' '), corner.Y / height);
        }

        return builder.ToString();
    }

    private List<string> PoseLines(ImageItem item)
    {
        var lines = new List<string>();
        var keyPoints = item.Regions.Where(r => r.Value is KeyPointValue).ToList();
        foreach (var region in item.Regions)
        {
            if (region.Value is KeyPointValue point)
            {
                if (region.ParentId is null || !item.Regions.Any(r => r.Value is RectangleValue && r.Id == region.ParentId))
                {
                    Drop(item, region, "keypoint-without-parent", "In the YOLO pose layout a keypoint is written with its parent rectangle (parentID); this one has none.");
                }
                else if (!point.KeyPointLabels?.Any(_keyPointLabels.Contains) ?? true)
                {
                    Drop(item, region, "keypoint-label-not-indexed", "The keypoint's label has no model_index in the config, so it has no slot in the pose line.");
                }

                continue;
            }

            if (region.Value is not RectangleValue box)
            {
                Drop(item, region, "unsupported-region-type", $"The YOLO pose layout writes rectangles with their keypoints; a '{region.Type}' result has no place.");
                continue;
            }

            var labels = region.GetLabels();
            if (labels.Count == 0)
            {
                Drop(item, region, "no-labels", "The region has no label.");
                continue;
            }

            foreach (var label in labels)
            {
                if (!_categories.TryGetId(label, out var id))
                {
                    Drop(item, region, "label-not-in-classes", $"Label '{label}' is not a RectangleLabels class of the config.");
                    continue;
                }

                var builder = AppendBox(new StringBuilder(256), id, (box.X + (box.Width / 2)) / 100, (box.Y + (box.Height / 2)) / 100, box.Width / 100, box.Height / 100);
                foreach (var keyPointLabel in _keyPointLabels)
                {
                    var match = keyPoints.FirstOrDefault(k => k.ParentId == region.Id && k.GetLabels().Contains(keyPointLabel));
                    if (match?.Value is KeyPointValue kp)
                    {
                        PythonFloat.Append(builder.Append(' '), kp.X / 100);
                        PythonFloat.Append(builder.Append(' '), kp.Y / 100);
                        builder.Append(" 2");
                    }
                    else
                    {
                        builder.Append(" 0.0 0.0 0");
                    }
                }

                lines.Add(builder.ToString());
            }
        }

        return lines;
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

        var json = new UjsonWriter(new System.Buffers.ArrayBufferWriter<byte>(1 << 12));
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

    private void Drop(ImageItem item, Result region, string reason, string message) =>
        _context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, reason, message, item.TaskIndex, item.Task, item.Annotation, region));

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

    private bool IsInside(string stem, string path)
    {
        // A stem without separators names a file directly in labels/ ("<stem>.txt" is never "." or ".."); only
        // unusual names pay for the full-path check.
        if (stem.AsSpan().IndexOfAny(UnusualStemChars) < 0)
        {
            return true;
        }

        var full = Path.GetFullPath(path);
        return full.StartsWith(Path.GetFullPath(_labelsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string Join(int id, double a, double b, double c, double d) => AppendBox(new StringBuilder(96), id, a, b, c, d).ToString();

    private static StringBuilder AppendBox(StringBuilder builder, int id, double a, double b, double c, double d)
    {
        builder.Append(CultureInfo.InvariantCulture, $"{id}");
        PythonFloat.Append(builder.Append(' '), a);
        PythonFloat.Append(builder.Append(' '), b);
        PythonFloat.Append(builder.Append(' '), c);
        PythonFloat.Append(builder.Append(' '), d);
        return builder;
    }

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

    /// <summary>A label file to create: <paramref name="Replace"/> when an earlier item already wrote the same path.</summary>
    internal readonly record struct LabelFile(string Path, byte[] Content, bool Replace);
}
