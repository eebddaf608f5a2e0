namespace LabelStudio.Formats.Media;

/// <summary>Folders a <see cref="LocalMediaSource"/> may read from. Nothing is readable until configured.</summary>
public sealed class LocalMediaSourceOptions
{
    /// <summary>
    /// The folder holding Label Studio's uploads, i.e. <c>&lt;MEDIA_ROOT&gt;/upload</c>, whose sub-folders are project
    /// ids: <c>/data/upload/3/cat.jpg</c> resolves to <c>&lt;UploadDirectory&gt;/3/cat.jpg</c>. <see langword="null"/>:
    /// uploads are not read locally.
    /// </summary>
    public string? UploadDirectory { get; set; }

    /// <summary>
    /// The local-files document root (Label Studio's <c>LOCAL_FILES_DOCUMENT_ROOT</c>):
    /// <c>/data/local-files/?d=images/cat.jpg</c> resolves to <c>&lt;root&gt;/images/cat.jpg</c>. Unlike Label Studio,
    /// there is no default (never the file-system root). <see langword="null"/>: local-files URLs are not read locally.
    /// </summary>
    public string? LocalFilesDocumentRoot { get; set; }

    /// <summary>
    /// Whether plain file paths (relative, absolute or <c>file://</c>) are read. Off by default: task data is
    /// untrusted, and a path such as <c>/etc/passwd</c> must not be readable unless the caller opts in.
    /// </summary>
    public bool AllowFilePaths { get; set; }

    /// <summary>The folder relative file paths are resolved against when <see cref="AllowFilePaths"/> is on; default: the current directory.</summary>
    public string? FilePathBaseDirectory { get; set; }
}
