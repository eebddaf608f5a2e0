namespace LabelStudio.Formats.Media;

/// <summary>
/// Opens media from local folders only: <c>/data/upload/...</c> under <see cref="LocalMediaSourceOptions.UploadDirectory"/>,
/// <c>/data/local-files/?d=...</c> under <see cref="LocalMediaSourceOptions.LocalFilesDocumentRoot"/>, and plain file
/// paths when <see cref="LocalMediaSourceOptions.AllowFilePaths"/> is on. Paths never leave their root: absolute
/// paths, <c>..</c> segments (also percent-encoded) and symlinks pointing outside are refused.
/// </summary>
public sealed class LocalMediaSource : IMediaSource
{
    private readonly LocalMediaSourceOptions _options;

    /// <summary>Creates a source reading the folders <paramref name="options"/> configures.</summary>
    /// <param name="options">The folders; copied, so later changes have no effect.</param>
    public LocalMediaSource(LocalMediaSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new LocalMediaSourceOptions
        {
            UploadDirectory = options.UploadDirectory,
            LocalFilesDocumentRoot = options.LocalFilesDocumentRoot,
            AllowFilePaths = options.AllowFilePaths,
            FilePathBaseDirectory = options.FilePathBaseDirectory,
        };
    }

    /// <summary>
    /// Returns the local file <paramref name="reference"/> resolves to, or <see langword="null"/> when its form is
    /// not read locally (not configured, or a remote URL) or the file does not exist.
    /// </summary>
    /// <param name="reference">A parsed reference.</param>
    /// <returns>The full path of an existing file inside its root, or <see langword="null"/>.</returns>
    /// <exception cref="MediaException">Reason <see cref="MediaErrorReason.OutsideRoot"/> or <see cref="MediaErrorReason.InvalidReference"/>.</exception>
    public string? TryResolvePath(MediaReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        switch (reference.Kind)
        {
            case MediaReferenceKind.Upload when _options.UploadDirectory is { Length: > 0 } uploads:
                return ConfinedPath.Resolve(uploads, reference.Path, reference.Original);
            case MediaReferenceKind.LocalFiles when _options.LocalFilesDocumentRoot is { Length: > 0 } root:
                return ConfinedPath.Resolve(root, reference.Path, reference.Original);
            case MediaReferenceKind.FilePath or MediaReferenceKind.LabelStudioPath when _options.AllowFilePaths:
                if (reference.Path.Contains('\0', StringComparison.Ordinal))
                {
                    return null;
                }

                var path = Path.GetFullPath(reference.Path, _options.FilePathBaseDirectory ?? Directory.GetCurrentDirectory());
                return File.Exists(path) ? path : null;
            default:
                return null;
        }
    }

    /// <inheritdoc />
    public Task<MediaContent> OpenAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = MediaReference.Parse(reference);
        var path = TryResolvePath(parsed) ?? throw NotResolved(parsed);
        return Task.FromResult(OpenFile(path, parsed));
    }

    /// <inheritdoc />
    public async Task<ImageHeaderInfo> GetImageSizeAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        var content = await OpenAsync(reference, context, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            return await ImageHeaderReader.ReadAsync(content.Content, reference, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static MediaContent OpenFile(string path, MediaReference reference)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return new MediaContent(stream, reference.FileName, stream.Length, path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MediaException(MediaErrorReason.NotFound, reference.Original, "The file does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorReason.AccessDenied, reference.Original, $"The file cannot be read: {ex.Message}", ex);
        }
    }

    private MediaException NotResolved(MediaReference reference) => reference.Kind switch
    {
        MediaReferenceKind.Upload when string.IsNullOrEmpty(_options.UploadDirectory) =>
            new(MediaErrorReason.NotConfigured, reference.Original, "Uploaded files need LocalMediaSourceOptions.UploadDirectory (Label Studio's <MEDIA_ROOT>/upload folder)."),
        MediaReferenceKind.LocalFiles when string.IsNullOrEmpty(_options.LocalFilesDocumentRoot) =>
            new(MediaErrorReason.NotConfigured, reference.Original, "Local-files URLs need LocalMediaSourceOptions.LocalFilesDocumentRoot (Label Studio's LOCAL_FILES_DOCUMENT_ROOT)."),
        MediaReferenceKind.FilePath or MediaReferenceKind.LabelStudioPath when !_options.AllowFilePaths =>
            new(MediaErrorReason.NotConfigured, reference.Original, "Plain file paths are read only when LocalMediaSourceOptions.AllowFilePaths is on."),
        MediaReferenceKind.Upload or MediaReferenceKind.LocalFiles or MediaReferenceKind.FilePath or MediaReferenceKind.LabelStudioPath =>
            new(MediaErrorReason.NotFound, reference.Original, "The file does not exist under the configured folder."),
        _ => new(MediaErrorReason.Unsupported, reference.Original, "A local media source reads only uploads, local-files URLs and file paths; use LabelStudioMediaResolver (LabelStudio.Client) for URLs and cloud storage."),
    };
}
