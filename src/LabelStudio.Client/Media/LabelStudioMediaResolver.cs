using System.Net;
using System.Text;
using LabelStudio.Formats.Media;

namespace LabelStudio.Client.Media;

/// <summary>
/// Opens the media task data points at, in every form Label Studio uses: <c>/data/upload/...</c> and
/// <c>/data/local-files/?d=...</c> (read from local folders when configured, else fetched from Label Studio), other
/// Label Studio paths (base path respected), <c>s3://</c>, <c>gs://</c> and <c>azure-blob://</c> URIs through Label
/// Studio's presign endpoints, and plain http(s) URLs.
/// </summary>
/// <remarks>
/// Safe by default: credentials go only to the Label Studio origin and never follow a redirect away from it;
/// loopback, private, link-local and other non-public addresses are refused after DNS resolution and on every
/// redirect unless allow-listed; every fetch has a timeout and a byte cap, and leaves no partial file. Thread-safe;
/// create one and reuse it.
/// </remarks>
public sealed class LabelStudioMediaResolver : IMediaSource, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the DI registration configures.</summary>
    public const string HttpClientName = "LabelStudio.Media";

    private readonly LabelStudioMediaResolverOptions _options;
    private readonly IMediaRequestAuthenticator? _authenticator;
    private readonly TimeProvider _timeProvider;
    private readonly Func<HttpClient> _clientFactory;
    private readonly HttpClient? _ownedClient;
    private readonly LocalMediaSource _local;
    private readonly MediaCache? _cache;
    private readonly Uri? _baseUrl;
    private readonly string? _basePath;

    /// <summary>Creates a resolver with its own connection pool; dispose it when done.</summary>
    /// <param name="options">The settings; read once, later changes have no effect.</param>
    /// <param name="authenticator">Applies credentials to Label Studio requests; default: <see cref="LabelStudioMediaResolverOptions.ApiKey"/> as a legacy token, if set.</param>
    /// <param name="timeProvider">The clock for timeouts; default <see cref="TimeProvider.System"/>.</param>
    public LabelStudioMediaResolver(LabelStudioMediaResolverOptions options, IMediaRequestAuthenticator? authenticator = null, TimeProvider? timeProvider = null)
        : this(options, authenticator, timeProvider, SystemMediaNetwork.Instance, clientFactory: null)
    {
    }

    internal LabelStudioMediaResolver(
        LabelStudioMediaResolverOptions options,
        IMediaRequestAuthenticator? authenticator,
        TimeProvider? timeProvider,
        IMediaNetwork network,
        Func<HttpClient>? clientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects);
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Timeout must be positive or infinite.");
        }

        if (options.LabelStudioUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("LabelStudioUrl must be an absolute http or https URL, such as http://localhost:8080/.", nameof(options));
        }

        _options = Copy(options);
        _authenticator = authenticator ?? (string.IsNullOrWhiteSpace(options.ApiKey) ? null : new LegacyTokenMediaAuthenticator(options.ApiKey));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _local = new LocalMediaSource(new LocalMediaSourceOptions
        {
            UploadDirectory = options.UploadDirectory,
            LocalFilesDocumentRoot = options.LocalFilesDocumentRoot,
            AllowFilePaths = options.AllowFilePaths,
            FilePathBaseDirectory = options.FilePathBaseDirectory,
        });
        _cache = string.IsNullOrWhiteSpace(options.CacheDirectory) ? null : new MediaCache(options.CacheDirectory);
        if (options.LabelStudioUrl is { } baseUrl)
        {
            var text = baseUrl.GetLeftPart(UriPartial.Path);
            _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
            _basePath = _baseUrl.AbsolutePath.TrimEnd('/');
        }

        if (clientFactory is null)
        {
            _ownedClient = new HttpClient(CreateHandler(_options, network)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _clientFactory = () => _ownedClient;
        }
        else
        {
            // Validates AllowedNetworks eagerly, as the owned handler does.
            _ = new NetworkGuard(_options, network);
            _clientFactory = clientFactory;
        }
    }

    /// <summary>Parses <paramref name="reference"/> with this resolver's base path (see <see cref="MediaReference.Parse"/>).</summary>
    /// <param name="reference">The string found in task data.</param>
    /// <returns>The classified reference.</returns>
    public MediaReference Parse(string reference) => MediaReference.Parse(reference, _basePath);

    /// <inheritdoc />
    public async Task<MediaContent> OpenAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parsed = Parse(reference);
        var local = _local.TryResolvePath(parsed);
        if (local is not null)
        {
            return OpenFile(local, parsed, deleteOnClose: false);
        }

        var target = TargetOf(parsed, context);
        if (_cache is not null)
        {
            var path = await GetCachedAsync(parsed, target, cancellationToken).ConfigureAwait(false);
            return OpenFile(path, parsed, deleteOnClose: false);
        }

        var temp = Path.Join(Path.GetTempPath(), $"labelstudio-media-{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var length = await DownloadToAsync(target, parsed.Original, stream, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            return new MediaContent(stream, parsed.FileName, length);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Local files and cache entries are read from disk. Otherwise only the start of the response is read (the
    /// connection is dropped after the header), and nothing is cached.
    /// </remarks>
    public async Task<ImageHeaderInfo> GetImageSizeAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parsed = Parse(reference);
        var path = _local.TryResolvePath(parsed);
        Uri? target = null;
        if (path is null)
        {
            target = TargetOf(parsed, context);
            path = _cache?.TryGet(MediaCache.KeyOf(NormalizedUrl(parsed, target)));
        }

        if (path is not null)
        {
            var content = OpenFile(path, parsed, deleteOnClose: false);
            await using (content.ConfigureAwait(false))
            {
                return await ImageHeaderReader.ReadAsync(content.Content, reference, cancellationToken).ConfigureAwait(false);
            }
        }

        return await FetchAsync(target!, reference, (stream, token) => ImageHeaderReader.ReadAsync(stream, reference, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns a local file holding the media: the confined local file itself, or the cache entry (fetched first
    /// when missing). Handy for models that want a path. Needs <see cref="LabelStudioMediaResolverOptions.CacheDirectory"/>
    /// for remote media.
    /// </summary>
    /// <param name="reference">The string found in task data.</param>
    /// <param name="context">The task or project the reference belongs to, needed for cloud-storage URIs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The full path of the local file.</returns>
    /// <exception cref="MediaException">The media cannot be resolved or fetched.</exception>
    public async Task<string> GetLocalPathAsync(string reference, MediaContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var parsed = Parse(reference);
        var local = _local.TryResolvePath(parsed);
        if (local is not null)
        {
            return local;
        }

        var target = TargetOf(parsed, context);
        if (_cache is null)
        {
            throw new MediaException(MediaErrorReason.NotConfigured, reference, "Remote media gets a local path only through the cache: set CacheDirectory.");
        }

        return await GetCachedAsync(parsed, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the connection pool the plain constructor created.</summary>
    public void Dispose() => _ownedClient?.Dispose();

    internal static SocketsHttpHandler CreateHandler(LabelStudioMediaResolverOptions options, IMediaNetwork network)
    {
        var guard = new NetworkGuard(options, network);
        return new SocketsHttpHandler
        {
            // Redirects are followed by hand so that each hop is re-checked and credentials never leave the origin.
            AllowAutoRedirect = false,

            // A proxy would receive the connection instead of the vetted address.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = guard.ConnectAsync,
        };
    }

    internal static string NormalizedUrl(MediaReference parsed, Uri target) =>
        parsed.Kind == MediaReferenceKind.CloudStorage ? parsed.Uri!.AbsoluteUri : target.AbsoluteUri;

    internal static LabelStudioMediaResolverOptions Copy(LabelStudioMediaResolverOptions options)
    {
        var copy = new LabelStudioMediaResolverOptions
        {
            LabelStudioUrl = options.LabelStudioUrl,
            ApiKey = options.ApiKey,
            AllowLabelStudioHost = options.AllowLabelStudioHost,
            AllowPlainHttp = options.AllowPlainHttp,
            MaxBytes = options.MaxBytes,
            Timeout = options.Timeout,
            ConnectTimeout = options.ConnectTimeout,
            MaxRedirects = options.MaxRedirects,
            CacheDirectory = options.CacheDirectory,
            UploadDirectory = options.UploadDirectory,
            LocalFilesDocumentRoot = options.LocalFilesDocumentRoot,
            AllowFilePaths = options.AllowFilePaths,
            FilePathBaseDirectory = options.FilePathBaseDirectory,
            UserAgent = options.UserAgent,
        };
        foreach (var host in options.AllowedHosts)
        {
            copy.AllowedHosts.Add(host);
        }

        foreach (var network in options.AllowedNetworks)
        {
            copy.AllowedNetworks.Add(network);
        }

        return copy;
    }

    private static MediaContent OpenFile(string path, MediaReference parsed, bool deleteOnClose)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan | (deleteOnClose ? FileOptions.DeleteOnClose : FileOptions.None));
            return new MediaContent(stream, parsed.FileName, stream.Length, path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MediaException(MediaErrorReason.NotFound, parsed.Original, "The file does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaException(MediaErrorReason.AccessDenied, parsed.Original, $"The file cannot be read: {ex.Message}", ex);
        }
    }

    private async Task<string> GetCachedAsync(MediaReference parsed, Uri target, CancellationToken cancellationToken)
    {
        var key = MediaCache.KeyOf(NormalizedUrl(parsed, target));
        return _cache!.TryGet(key)
            ?? await _cache.StoreAsync(key, stream => DownloadToAsync(target, parsed.Original, stream, cancellationToken)).ConfigureAwait(false);
    }

    private Uri TargetOf(MediaReference parsed, MediaContext? context)
    {
        switch (parsed.Kind)
        {
            case MediaReferenceKind.Http:
                return CheckNotApi(parsed.Uri!, parsed.Original);
            case MediaReferenceKind.FilePath:
                throw _options.AllowFilePaths
                    ? new MediaException(MediaErrorReason.NotFound, parsed.Original, "The file does not exist.")
                    : new MediaException(MediaErrorReason.NotConfigured, parsed.Original, "Plain file paths are read only when AllowFilePaths is on.");
        }

        if (_baseUrl is null)
        {
            throw new MediaException(MediaErrorReason.NotConfigured, parsed.Original, $"A {parsed.Kind} reference is fetched from Label Studio: set LabelStudioUrl (and ApiKey).");
        }

        var relative = parsed.Kind == MediaReferenceKind.CloudStorage ? PresignPath(parsed, context) : parsed.ToLabelStudioRelativeUrl();

        if (!Uri.TryCreate(_baseUrl, relative, out var target) || !IsSameOrigin(target, _baseUrl))
        {
            throw new MediaException(MediaErrorReason.InvalidReference, parsed.Original, "The reference does not form a URL on the Label Studio server.");
        }

        return CheckNotApi(target, parsed.Original);
    }

    /// <summary>
    /// Refuses Label Studio REST API paths: task data is untrusted, and fetching <c>/api/...</c> with the user's
    /// credentials would hand API responses (users, tokens, other projects) to whatever consumes the media.
    /// </summary>
    private Uri CheckNotApi(Uri target, string reference)
    {
        if (_baseUrl is null || !IsSameOrigin(target, _baseUrl))
        {
            return target;
        }

        var path = target.AbsolutePath;
        var basePath = _baseUrl.AbsolutePath;
        var relative = path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : path.TrimStart('/');
        if (relative.Equals("api", StringComparison.OrdinalIgnoreCase) || relative.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
        {
            throw new MediaException(MediaErrorReason.Unsupported, reference, "Label Studio REST API paths (/api/...) are not media and are never fetched with credentials.");
        }

        return target;
    }

    private static string PresignPath(MediaReference parsed, MediaContext? context)
    {
        var fileUri = Convert.ToBase64String(Encoding.UTF8.GetBytes(parsed.Uri!.OriginalString)).Replace('+', '-').Replace('/', '_');
        var query = "?fileuri=" + Uri.EscapeDataString(fileUri);
        if (context?.TaskId is { } taskId)
        {
            return FormattableString.Invariant($"tasks/{taskId}/presign/{query}");
        }

        if (context?.ProjectId is { } projectId)
        {
            return FormattableString.Invariant($"projects/{projectId}/presign/{query}");
        }

        throw new MediaException(MediaErrorReason.NotConfigured, parsed.Original, "Cloud-storage URIs are fetched through Label Studio's presign endpoint, which needs the task id (or project id): pass a MediaContext.");
    }

    private static bool IsSameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private Task<long> DownloadToAsync(Uri start, string reference, Stream destination, CancellationToken cancellationToken) =>
        FetchAsync(start, reference, async (source, token) =>
        {
            await source.CopyToAsync(destination, 81920, token).ConfigureAwait(false);
            return source.Position;
        }, cancellationToken);

    /// <summary>
    /// Fetches <paramref name="start"/>, following and re-checking redirects, and hands the body (capped at
    /// <see cref="LabelStudioMediaResolverOptions.MaxBytes"/>) to <paramref name="consume"/>.
    /// </summary>
    private async Task<T> FetchAsync<T>(Uri start, string reference, Func<CappedReadStream, CancellationToken, Task<T>> consume, CancellationToken cancellationToken)
    {
        using var timeout = _options.Timeout == System.Threading.Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        var client = _clientFactory();
        var uri = start;
        var credentialsAllowed = true;
        for (var hop = 0; ; hop++)
        {
            CheckScheme(uri, hop == 0 ? null : start, reference);
            var sameOrigin = _baseUrl is not null && IsSameOrigin(uri, _baseUrl);

            // Once the chain has left the Label Studio origin, credentials stay off even if it comes back.
            credentialsAllowed &= sameOrigin;
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.UserAgent.TryParseAdd(_options.UserAgent);
            var sentCredentials = false;
            if (credentialsAllowed && _authenticator is not null)
            {
                await _authenticator.ApplyAsync(request, token).ConfigureAwait(false);
                sentCredentials = true;
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not MediaException)
            {
                throw Translate(ex, uri, timeout, cancellationToken);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (hop >= _options.MaxRedirects)
                    {
                        throw new MediaException(MediaErrorReason.RedirectRefused, uri.ToString(), $"More than {_options.MaxRedirects} redirects (MaxRedirects).");
                    }

                    var location = response.Headers.Location
                        ?? throw new MediaHttpException(MediaErrorReason.HttpError, uri.ToString(), response.StatusCode, "A redirect without a Location header.");
                    var previous = uri;
                    uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (previous.Scheme == Uri.UriSchemeHttps && uri.Scheme == Uri.UriSchemeHttp)
                    {
                        throw new MediaException(MediaErrorReason.RedirectRefused, uri.ToString(), "A redirect from https to http is refused.");
                    }

                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw StatusError(response.StatusCode, uri, sameOrigin, sentCredentials);
                }

                if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBytes)
                {
                    throw TooLarge(uri, declared);
                }

                try
                {
                    var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    var capped = new CappedReadStream(body, _options.MaxBytes, () => TooLarge(uri, null));
                    await using (capped.ConfigureAwait(false))
                    {
                        return await consume(capped, token).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not MediaException)
                {
                    throw Translate(ex, uri, timeout, cancellationToken);
                }
            }
        }
    }

    private void CheckScheme(Uri uri, Uri? start, string reference)
    {
        var text = start is null ? reference : uri.ToString();
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new MediaException(start is null ? MediaErrorReason.Unsupported : MediaErrorReason.RedirectRefused, text, $"Only http and https are fetched, not '{uri.Scheme}'.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !_options.AllowPlainHttp)
        {
            throw new MediaException(start is null ? MediaErrorReason.Unsupported : MediaErrorReason.RedirectRefused, text, "Plain http is not allowed (AllowPlainHttp is off).");
        }
    }

    private MediaException TooLarge(Uri uri, long? declared) =>
        new(MediaErrorReason.TooLarge, uri.ToString(), declared is { } length
            ? FormattableString.Invariant($"The content is {length} bytes, more than MaxBytes ({_options.MaxBytes}).")
            : FormattableString.Invariant($"The content exceeds MaxBytes ({_options.MaxBytes}); the transfer was aborted."));

    private Exception Translate(Exception ex, Uri uri, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return ex;
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is MediaGuardException guard)
            {
                return new MediaException(guard.Reason, uri.ToString(), guard.Message, ex);
            }
        }

        if (ex is OperationCanceledException)
        {
            var what = timeout.IsCancellationRequested
                ? FormattableString.Invariant($"The fetch did not complete within {_options.Timeout.TotalSeconds:0.###} s (Timeout).")
                : FormattableString.Invariant($"The connection did not open within {_options.ConnectTimeout.TotalSeconds:0.###} s (ConnectTimeout).");
            return new MediaException(MediaErrorReason.Timeout, uri.ToString(), what, ex);
        }

        return new MediaException(MediaErrorReason.NetworkError, uri.ToString(), $"The transfer failed: {ex.Message}", ex);
    }

    private static MediaHttpException StatusError(HttpStatusCode statusCode, Uri uri, bool sameOrigin, bool sentCredentials)
    {
        var code = (int)statusCode;
        if (code is 401 or 403)
        {
            var hint = sentCredentials
                ? "Label Studio refused the credentials: check the API key and that this user can see the project (a legacy key disabled by the organization, or a personal access token sent as a legacy key, both answer this)."
                : sameOrigin
                    ? "No credentials were sent: set ApiKey or pass an IMediaRequestAuthenticator."
                    : "Credentials are sent only to the Label Studio origin; this server needs its own (e.g. a presigned URL).";
            return new MediaHttpException(MediaErrorReason.AccessDenied, uri.ToString(), statusCode, FormattableString.Invariant($"HTTP {code}. {hint}"));
        }

        if (code == 404)
        {
            return new MediaHttpException(MediaErrorReason.NotFound, uri.ToString(), statusCode, "HTTP 404: the server has no such file.");
        }

        return new MediaHttpException(MediaErrorReason.HttpError, uri.ToString(), statusCode, FormattableString.Invariant($"HTTP {code} {statusCode}."));
    }
}
