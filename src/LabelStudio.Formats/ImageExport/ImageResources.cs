using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// The image files behind the image formats (formats reference §7). With downloading on (the <c>*_WITH_IMAGES</c>
/// formats, or <see cref="ExportOptions.DownloadResources"/>) each referenced image is copied once, through
/// <see cref="ExportContext.Media"/>, to <c>images/&lt;md5(reference)[:8]&gt;__&lt;basename&gt;</c> and its size and
/// band count are read from the copy. Without downloading, an image a <see cref="LocalMediaSource"/> finds on disk
/// is read in place, as the official converter reads files under <c>LOCAL_FILES_DOCUMENT_ROOT</c> or the upload
/// folder; no other source is asked (that would download every image only to read its size).
/// An image that cannot be had is reported (task id and redacted reference) and the caller falls back to the
/// reference and the regions' <c>original_width/height</c>, as the official converter does.
/// </summary>
internal sealed class ImageResources
{
    private readonly ExportContext _context;
    private readonly string _imagesDirectory;

    // One copy per reference: a dataset often points at the same image from several tasks or annotations.
    private readonly Dictionary<string, ImageResource?> _resolved = new(StringComparer.Ordinal);

    public ImageResources(ExportContext context, string formatName, bool download)
    {
        _context = context;
        Download = download;
        _imagesDirectory = Path.Combine(context.OutputDirectory, "images");
        if (download && context.Media is null)
        {
            throw new ConversionException(
                $"{formatName} copies the images into the export, so it needs a media source: set ExportRunOptions.Media "
                + "(ExportContext.Media) to a LocalMediaSource for Label Studio's upload and local-files folders, or to "
                + "LabelStudio.Client's media resolver to download from Label Studio and the web.");
        }
    }

    /// <summary>True when images are copied into <c>images/</c>.</summary>
    public bool Download { get; }

    /// <summary>The image behind <paramref name="reference"/>, or null when it cannot be had (reported once per reference).</summary>
    public Task<ImageResource?> ResolveAsync(string reference, long taskIndex, LabelStudioTask task, CancellationToken cancellationToken) =>
        ResolveAsync(reference, taskIndex, task, _context.Report, cancellationToken);

    /// <summary>
    /// As <see cref="ResolveAsync(string, long, LabelStudioTask, CancellationToken)"/>, reporting into
    /// <paramref name="report"/> (a chunk's record, replayed in order later). Without downloading this keeps no
    /// state, so it may run on several threads at once; with downloading it must run on one thread at a time.
    /// </summary>
    public async Task<ImageResource?> ResolveAsync(string reference, long taskIndex, LabelStudioTask task, ConversionReport report, CancellationToken cancellationToken)
    {
        if (!Download)
        {
            return await ReadInPlaceAsync(reference, taskIndex, task, report, cancellationToken).ConfigureAwait(false);
        }

        if (_resolved.TryGetValue(reference, out var known))
        {
            return known;
        }

        var resource = await CopyAsync(reference, taskIndex, task, report, cancellationToken).ConfigureAwait(false);
        _resolved[reference] = resource;
        return resource;
    }

    private async Task<ImageResource?> CopyAsync(string reference, long taskIndex, LabelStudioTask task, ConversionReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_imagesDirectory);
        string? target = null;
        try
        {
            var content = await _context.Media!.OpenAsync(reference, new MediaContext(task.Id), cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var fileName = CopyFileName(reference, content.FileName);
                target = Path.Combine(_imagesDirectory, fileName);
                if (!Path.GetFullPath(target).StartsWith(Path.GetFullPath(_imagesDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    Report(report, taskIndex, task, "unsafe-file-name", $"The image '{MediaReference.Redact(reference)}' would be copied outside images/; it is not copied.");
                    target = null;
                    return null;
                }

                var output = OutputFile.Create(target, 1 << 16, FileOptions.Asynchronous);
                await using (output.ConfigureAwait(false))
                {
                    await content.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }

                var relative = "images/" + fileName;
                var (header, bands) = await ReadHeaderAsync(target, reference, taskIndex, task, report, cancellationToken).ConfigureAwait(false);
                target = null;
                return new ImageResource(relative, header?.Width, header?.Height, bands);
            }
        }
        catch (MediaException ex)
        {
            Report(report, taskIndex, task, "media-not-available", $"The image could not be copied ({ex.Reason}): {ex.Message} Where the format keeps the item without its image (COCO, VOC; YOLO for local files), the reference and the regions' original_width/height are used instead.");
            return null;
        }
        catch (IOException ex)
        {
            Report(report, taskIndex, task, "media-not-available", $"The image '{MediaReference.Redact(reference)}' could not be copied: {ex.Message} Where the format keeps the item without its image (COCO, VOC; YOLO for local files), the reference and the regions' original_width/height are used instead.");
            return null;
        }
        finally
        {
            // A copy that failed half-way must not stay in images/.
            if (target is not null && File.Exists(target))
            {
                File.Delete(target);
            }
        }
    }

    private async Task<ImageResource?> ReadInPlaceAsync(string reference, long taskIndex, LabelStudioTask task, ConversionReport report, CancellationToken cancellationToken)
    {
        if (_context.Media is not LocalMediaSource local)
        {
            return null;
        }

        string? path;
        try
        {
            path = local.TryResolvePath(MediaReference.Parse(reference));
        }
        catch (MediaException ex)
        {
            Report(report, taskIndex, task, "media-not-available", $"The image is not read: {ex.Message}");
            return null;
        }

        if (path is null)
        {
            return null;
        }

        var (header, bands) = await ReadHeaderAsync(path, reference, taskIndex, task, report, cancellationToken).ConfigureAwait(false);
        var relative = Path.GetRelativePath(_context.OutputDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
        return new ImageResource(relative, header?.Width, header?.Height, bands);
    }

    private static async Task<(ImageHeaderInfo? Header, int? Bands)> ReadHeaderAsync(string path, string reference, long taskIndex, LabelStudioTask task, ConversionReport report, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var header = await ImageHeaderReader.ReadAsync(stream, reference, cancellationToken).ConfigureAwait(false);
                stream.Position = 0;
                var bands = await ImageBands.ReadAsync(stream, header.Format, cancellationToken).ConfigureAwait(false);
                return (header, bands);
            }
        }
        catch (Exception ex) when (ex is MediaException or IOException or UnauthorizedAccessException)
        {
            Report(report, taskIndex, task, "image-size-unreadable", $"The size of '{MediaReference.Redact(reference)}' could not be read ({ex.Message}); the regions' original_width/height are used.");
            return (null, null);
        }
    }

    /// <summary><c>&lt;md5(reference)[:8]&gt;__&lt;basename&gt;</c>, the name the official converter gives a copied image.</summary>
    internal static string CopyFileName(string reference, string fallbackName)
    {
        string baseName;
        try
        {
            var parsed = MediaReference.Parse(reference);
            baseName = parsed.Kind == MediaReferenceKind.LocalFiles ? ImagePaths.BaseName(parsed.Path.Replace('\\', '/')) : ImagePaths.BaseName(ImagePaths.UrlPath(reference));
        }
        catch (MediaException)
        {
            baseName = ImagePaths.BaseName(ImagePaths.UrlPath(reference));
        }

        if (baseName.Length == 0 || baseName is "." or ".." || baseName.Contains('\\', StringComparison.Ordinal) || baseName.Contains('\0', StringComparison.Ordinal))
        {
            baseName = fallbackName;
        }

        return ImagePaths.HashPrefix(reference) + "__" + baseName;
    }

    private static void Report(ConversionReport report, long taskIndex, LabelStudioTask task, string reason, string message) =>
        report.Add(new ConversionIssue(ConversionIssueKind.Warning, reason, message) { TaskIndex = taskIndex, TaskId = task.Id });
}

/// <summary>An image file of the export: its path relative to the output folder and what its header says.</summary>
/// <param name="RelativePath">The path relative to the output folder, with <c>/</c> (e.g. <c>images/fc6bbe58__a.png</c>).</param>
/// <param name="Width">The pixel width, when the header was readable.</param>
/// <param name="Height">The pixel height, when the header was readable.</param>
/// <param name="Bands">The band (channel) count as Pillow reports it, when known.</param>
internal sealed record ImageResource(string RelativePath, int? Width, int? Height, int? Bands)
{
    public string FileName => ImagePaths.BaseName(RelativePath);
}
