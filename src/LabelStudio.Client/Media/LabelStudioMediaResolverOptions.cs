namespace LabelStudio.Client.Media;

/// <summary>Settings of <see cref="LabelStudioMediaResolver"/>. The defaults are safe: no private address, no local folder.</summary>
public sealed class LabelStudioMediaResolverOptions
{
    /// <summary>
    /// Label Studio's base URL, including any base path (e.g. <c>https://example.org/labelstudio/</c>). Needed for
    /// <c>/data/upload/...</c>, <c>/data/local-files/?d=...</c>, other server paths and cloud-storage URIs.
    /// Credentials go only to this origin.
    /// </summary>
    public Uri? LabelStudioUrl { get; set; }

    /// <summary>
    /// A legacy API key sent as <c>Authorization: Token ...</c> to the Label Studio origin; ignored when an
    /// <see cref="IMediaRequestAuthenticator"/> is given.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Whether the Label Studio host and port may be reached even at a loopback or private address (typical for
    /// <c>http://localhost:8080</c> or a container network). Default <see langword="true"/>: the URL is the
    /// operator's own setting, not task data. Other hosts at such addresses stay refused.
    /// </summary>
    public bool AllowLabelStudioHost { get; set; } = true;

    /// <summary>
    /// Host names allowed at any address (exact, case-insensitive, or <c>*.example.org</c> for sub-domains), e.g. a
    /// MinIO server in a private network that presigned URLs point at.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Networks in CIDR notation (<c>10.1.0.0/16</c>, <c>127.0.0.1/32</c>, <c>fd00::/8</c>) or single addresses whose addresses are allowed although not public.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Whether plain <c>http://</c> URLs are fetched (default <see langword="true"/>). A redirect from https to http is always refused.</summary>
    public bool AllowPlainHttp { get; set; } = true;

    /// <summary>The largest content fetched, in bytes (default 100 MiB). Larger content fails with <c>TooLarge</c> and leaves no file.</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The time one fetch may take, redirects and body included (default 100 s, Label Studio's own ML timeout).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The time one TCP connection may take to open (default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most redirects followed per fetch (default 5). Each hop is checked again.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// A folder caching fetched media, one file per URL named by the SHA-256 of the normalised URL. Entries are
    /// written atomically and never evicted. <see langword="null"/> (default): no cache, each open fetches again.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Label Studio's upload folder (<c>&lt;MEDIA_ROOT&gt;/upload</c>), read before fetching <c>/data/upload/...</c> over HTTP.</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>Label Studio's <c>LOCAL_FILES_DOCUMENT_ROOT</c>, read before fetching <c>/data/local-files/?d=...</c> over HTTP. No default (never <c>/</c>).</summary>
    public string? LocalFilesDocumentRoot { get; set; }

    /// <summary>Whether plain file paths in task data are read (default <see langword="false"/>: task data is untrusted).</summary>
    public bool AllowFilePaths { get; set; }

    /// <summary>The folder relative file paths are resolved against when <see cref="AllowFilePaths"/> is on.</summary>
    public string? FilePathBaseDirectory { get; set; }

    /// <summary>The User-Agent sent with every request.</summary>
    public string UserAgent { get; set; } = "LabelStudio.NET-Media/0.1";

    /// <summary>
    /// Creates options from the environment variables the official Python ML backend and converter read:
    /// <c>LABEL_STUDIO_URL</c> (else <c>LABEL_STUDIO_HOST</c>, else <c>HOSTNAME</c> when it is an http(s) URL),
    /// <c>LABEL_STUDIO_API_KEY</c> (else <c>LABEL_STUDIO_ACCESS_TOKEN</c>), <c>LOCAL_FILES_DOCUMENT_ROOT</c> (also with
    /// the <c>LABEL_STUDIO_</c> prefix) and <c>LS_UPLOAD_DIR</c>. Unset variables leave the safe defaults.
    /// </summary>
    /// <param name="getVariable">Reads a variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">The Label Studio URL variable is not an absolute http(s) URL.</exception>
    public static LabelStudioMediaResolverOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? First(params string[] names) =>
            names.Select(getVariable).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

        var options = new LabelStudioMediaResolverOptions();
        var url = First("LABEL_STUDIO_URL", "LABEL_STUDIO_HOST");
        var hostname = First("HOSTNAME");
        if (url is null && hostname is not null && (hostname.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || hostname.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            url = hostname;
        }

        if (url is not null)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The Label Studio URL '{url}' must be an absolute http(s) URL such as http://localhost:8080.", nameof(getVariable));
            }

            options.LabelStudioUrl = uri;
        }

        options.ApiKey = First("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_ACCESS_TOKEN");
        options.LocalFilesDocumentRoot = First("LOCAL_FILES_DOCUMENT_ROOT", "LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT");
        options.UploadDirectory = First("LS_UPLOAD_DIR");
        return options;
    }
}
