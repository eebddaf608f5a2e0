namespace LabelStudio.Formats.Media;

/// <summary>
/// Opens the media a task points at (the string found in task data, such as <c>/data/upload/1/cat.jpg</c>,
/// <c>/data/local-files/?d=images/cat.jpg</c>, <c>s3://bucket/cat.jpg</c> or an http(s) URL). Converters that copy
/// media or need image sizes take one as a parameter. <see cref="LocalMediaSource"/> reads confined local folders;
/// LabelStudio.Client's <c>LabelStudioMediaResolver</c> also fetches from Label Studio and the web, safely.
/// </summary>
public interface IMediaSource
{
    /// <summary>Opens <paramref name="reference"/> for reading.</summary>
    /// <param name="reference">The media reference as found in task data.</param>
    /// <param name="context">The task or project the reference belongs to, needed for cloud-storage URIs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The content and its file name; dispose it when done.</returns>
    /// <exception cref="MediaException">The reference cannot be opened; <see cref="MediaException.Reason"/> says why.</exception>
    Task<MediaContent> OpenAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the pixel size of the image <paramref name="reference"/> points at, from its header only.</summary>
    /// <param name="reference">The media reference as found in task data.</param>
    /// <param name="context">The task or project the reference belongs to, needed for cloud-storage URIs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The format and pixel size.</returns>
    /// <exception cref="MediaException">The reference cannot be opened or is not a PNG, JPEG, GIF, BMP or WebP image.</exception>
    Task<ImageHeaderInfo> GetImageSizeAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default);
}
