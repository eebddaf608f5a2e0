namespace LabelStudio.Formats.Media;

/// <summary>An opened media reference: a readable stream and the file name it should be saved under.</summary>
public sealed class MediaContent : IDisposable, IAsyncDisposable
{
    /// <summary>Wraps an opened stream.</summary>
    /// <param name="content">The readable content; owned (disposed) by this instance.</param>
    /// <param name="fileName">The file name (no folder) derived from the reference.</param>
    /// <param name="length">The length in bytes, when known.</param>
    /// <param name="localPath">The local file the content is read from, when there is one (a local file or a cache entry).</param>
    public MediaContent(Stream content, string fileName, long? length = null, string? localPath = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Content = content;
        FileName = fileName;
        Length = length;
        LocalPath = localPath;
    }

    /// <summary>The readable content.</summary>
    public Stream Content { get; }

    /// <summary>The file name (no folder) derived from the reference, e.g. <c>a1b2c3d4-cat.jpg</c>.</summary>
    public string FileName { get; }

    /// <summary>The length in bytes, when known.</summary>
    public long? Length { get; }

    /// <summary>The local file the content comes from (a confined local file or a cache entry), if any.</summary>
    public string? LocalPath { get; }

    /// <inheritdoc />
    public void Dispose() => Content.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
