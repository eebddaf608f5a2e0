namespace LabelStudio.Client.Import;

/// <summary>A file to upload in a multipart import: task files (JSON, CSV, TSV, TXT) or media (images, audio, ...).</summary>
public sealed class ImportFile
{
    /// <summary>Creates an upload from a stream the caller owns (read once, not disposed).</summary>
    /// <param name="content">The file content.</param>
    /// <param name="fileName">The file name; its extension tells the server the format.</param>
    /// <param name="contentType">The media type (guessed from the extension when null).</param>
    public ImportFile(Stream content, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!content.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(content));
        }

        Content = content;
        FileName = Path.GetFileName(fileName);
        ContentType = contentType ?? GuessContentType(FileName);
    }

    /// <summary>The content.</summary>
    public Stream Content { get; }

    /// <summary>The file name sent to the server.</summary>
    public string FileName { get; }

    /// <summary>The media type sent to the server.</summary>
    public string ContentType { get; }

    internal static string GuessContentType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JSON" => "application/json",
        ".JSONL" => "application/jsonl",
        ".CSV" => "text/csv",
        ".TSV" => "text/tab-separated-values",
        ".TXT" => "text/plain",
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".GIF" => "image/gif",
        ".BMP" => "image/bmp",
        ".WEBP" => "image/webp",
        ".WAV" => "audio/wav",
        ".MP3" => "audio/mpeg",
        ".MP4" => "video/mp4",
        ".HTML" or ".HTM" => "text/html",
        _ => "application/octet-stream",
    };
}
