using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LabelStudio.Client;
using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;

namespace LabelStudio.Host.Downloads;

/// <summary>
/// The media of one export, downloaded once into a folder that survives the run, so an interrupted or repeated export
/// fetches only what is missing. Each reference is stored as <c>&lt;sha256(reference)&gt;</c> with a
/// <c>.sha256</c> sidecar (size and hash), verified before an entry is reused; an unfinished download is a
/// <c>.part</c> file that continues with an HTTP <c>Range</c> request when the server honours it, else starts over.
/// </summary>
/// <remarks>
/// <c>/data/upload/...</c> and <c>/data/local-files/?d=...</c> references (the Label Studio server's own files) are
/// fetched through the <see cref="LabelStudioClient"/>, with its credentials (legacy key or personal access token) and
/// retries, and resume. Every other form (cloud-storage URIs through the presign endpoint, http(s) URLs, other Label
/// Studio paths that may redirect elsewhere) goes through <see cref="LabelStudioMediaResolver"/>, whose SSRF guard and
/// credential rules apply; those restart instead of resuming.
/// </remarks>
internal sealed class MediaDownloadCache : IMediaSource
{
    /// <summary>The cache folder's name inside the export's output folder.</summary>
    public const string FolderName = ".labelstudio-download";

    private const string PartSuffix = ".part";
    private const string HashSuffix = ".sha256";

    private readonly string _directory;
    private readonly LabelStudioClient _client;
    private readonly IMediaSource _resolver;
    private readonly string? _basePath;
    private readonly long _maxBytes;
    private readonly TimeSpan _timeout;

    public MediaDownloadCache(string directory, LabelStudioClient client, IMediaSource resolver, long maxBytes, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resolver);
        _directory = Path.GetFullPath(directory);
        _client = client;
        _resolver = resolver;
        _maxBytes = maxBytes;
        _timeout = timeout;
        var basePath = client.BaseUrl.AbsolutePath.TrimEnd('/');
        _basePath = basePath.Length == 0 ? null : basePath;
    }

    public string Directory => _directory;

    /// <summary>The file an entry is stored in (complete or not).</summary>
    public string PathOf(string reference) => Path.Join(_directory, KeyOf(reference));

    /// <summary>Makes sure <paramref name="reference"/> is in the cache and says how it got there.</summary>
    /// <exception cref="MediaException">The media cannot be fetched; the message says why.</exception>
    public async Task<DownloadOutcome> FetchAsync(string reference, MediaContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var path = PathOf(reference);
        if (await IsCompleteAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return DownloadOutcome.Reused;
        }

        CreatePrivateDirectory(_directory);
        var parsed = MediaReference.Parse(reference, _basePath);
        var part = path + PartSuffix;
        bool resumed;
        if (parsed.Kind is MediaReferenceKind.Upload or MediaReferenceKind.LocalFiles)
        {
            try
            {
                resumed = await FetchFromLabelStudioAsync(parsed, part, allowResume: true, cancellationToken).ConfigureAwait(false);
            }
            catch (MediaException exception) when (exception.Reason is MediaErrorReason.TooLarge)
            {
                // Bytes that cannot lead to a good file must not be resumed next time.
                File.Delete(part);
                throw;
            }
        }
        else
        {
            resumed = false;
            var content = await _resolver.OpenAsync(reference, context, cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var target = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (target.ConfigureAwait(false))
                {
                    await content.Content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await CompleteAsync(part, path, cancellationToken).ConfigureAwait(false);
        return resumed ? DownloadOutcome.Resumed : DownloadOutcome.Downloaded;
    }

    /// <inheritdoc />
    public async Task<MediaContent> OpenAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        await FetchAsync(reference, context, cancellationToken).ConfigureAwait(false);
        var path = PathOf(reference);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new MediaContent(stream, MediaReference.Parse(reference, _basePath).FileName, stream.Length, path);
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

    private static string KeyOf(string reference) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)));

    /// <summary>
    /// Fetches a Label Studio file into <paramref name="part"/>, continuing after the bytes already there when the
    /// server answers the Range request with the matching 206. Returns whether it continued.
    /// </summary>
    private async Task<bool> FetchFromLabelStudioAsync(MediaReference parsed, string part, bool allowResume, CancellationToken cancellationToken)
    {
        var offset = allowResume && File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(parsed.ToLabelStudioRelativeUrl(), UriKind.Relative)).WithTimeout(_timeout);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioApiException exception) when (exception.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            // The partial file is not a prefix of what the server holds now (the file changed): start over.
            File.Delete(part);
            return await FetchFromLabelStudioAsync(parsed, part, allowResume: false, cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioApiException exception)
        {
            throw new MediaException(exception.StatusCode == HttpStatusCode.NotFound ? MediaErrorReason.NotFound : MediaErrorReason.HttpError, parsed.Original,
                string.Create(CultureInfo.InvariantCulture, $"Label Studio answered {(int)exception.StatusCode}{(exception.Detail is { } detail ? ": " + detail : string.Empty)}"), exception);
        }

        using (response)
        {
            var resume = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From != (resume ? offset : 0))
            {
                File.Delete(part);
                throw new MediaException(MediaErrorReason.HttpError, parsed.Original, "The server answered a byte range other than the one asked for.");
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared is { } length && (resume ? offset : 0) + length > _maxBytes)
            {
                throw TooLarge(parsed.Original);
            }

            var target = new FileStream(part, resume ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        if (target.Length > _maxBytes)
                        {
                            throw TooLarge(parsed.Original);
                        }
                    }
                }
            }

            return resume;
        }
    }

    private MediaException TooLarge(string reference) =>
        new(MediaErrorReason.TooLarge, reference, string.Create(CultureInfo.InvariantCulture, $"The file is larger than {_maxBytes} bytes."));

    /// <summary>Hashes the finished download, moves it into place, then writes the sidecar that marks it complete.</summary>
    private static async Task CompleteAsync(string part, string path, CancellationToken cancellationToken)
    {
        string hash;
        long length;
        var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            length = stream.Length;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        File.Move(part, path, overwrite: true);
        var sidecar = path + HashSuffix;
        var temporary = sidecar + ".tmp";
        await File.WriteAllTextAsync(temporary, string.Create(CultureInfo.InvariantCulture, $"{length} {hash}\n"), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, sidecar, overwrite: true);
    }

    /// <summary>An entry is complete when its sidecar exists and the file still has the recorded size and SHA-256.</summary>
    private static async Task<bool> IsCompleteAsync(string path, CancellationToken cancellationToken)
    {
        var sidecar = path + HashSuffix;
        if (!File.Exists(path) || !File.Exists(sidecar))
        {
            return false;
        }

        var recorded = (await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        bool matches;
        await using (stream.ConfigureAwait(false))
        {
            matches = recorded.Length == 2
                && long.TryParse(recorded[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && stream.Length == length
                && Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)) == recorded[1];
        }

        if (!matches)
        {
            // A damaged entry is fetched again from the start.
            File.Delete(sidecar);
            File.Delete(path);
        }

        return matches;
    }

    private static void CreatePrivateDirectory(string path)
    {
        // Media fetched with the user's credentials: readable by this user only.
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

/// <summary>How a media file came to be in the download cache.</summary>
internal enum DownloadOutcome
{
    /// <summary>Already complete and verified: nothing was fetched.</summary>
    Reused,

    /// <summary>Fetched from the start.</summary>
    Downloaded,

    /// <summary>Continued after the bytes of an earlier, interrupted run.</summary>
    Resumed,
}
