namespace LabelStudio.Client;

/// <summary>Settings of a <see cref="LabelStudioClient"/>: where the server is, how to authenticate, and how patient to be.</summary>
public sealed class LabelStudioClientOptions
{
    /// <summary>The environment variable read for <see cref="BaseUrl"/> when it is not set.</summary>
    public const string UrlEnvironmentVariable = "LABEL_STUDIO_URL";

    /// <summary>The environment variable read for <see cref="ApiKey"/> when it is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "LABEL_STUDIO_API_KEY";

    /// <summary>The Label Studio server, e.g. <c>http://localhost:8080</c>; a path prefix (reverse proxy) is kept.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// A legacy API key (sent as <c>Authorization: Token</c>) or a personal access token (a JWT refresh token,
    /// exchanged for short-lived access tokens sent as <c>Bearer</c>). The kind is told apart by the key's shape.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the credential goes: the <c>Authorization</c> header (default) or an <c>X-Api-Key</c> header for proxies that own Authorization.</summary>
    public LabelStudioAuthenticationMode AuthenticationMode { get; set; } = LabelStudioAuthenticationMode.Authorization;

    /// <summary>How long before an access token's expiry it is refreshed (clock skew margin). Default 30 s.</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt of an ordinary call. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Timeout of one attempt of an import, an export or a download. Default 30 min.</summary>
    public TimeSpan LongOperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Retries after the first attempt for calls that are safe to replay (0 disables retries). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one retry delay, including a server's <c>Retry-After</c>. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Page size of list calls that page (1 to 1000). Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Default polling of import, export and storage-sync jobs.</summary>
    public PollingOptions Polling { get; set; } = new();

    /// <summary>Fills <see cref="BaseUrl"/> and <see cref="ApiKey"/> from <c>LABEL_STUDIO_URL</c> / <c>LABEL_STUDIO_API_KEY</c> where they are not set.</summary>
    /// <returns>This instance.</returns>
    public LabelStudioClientOptions WithEnvironmentDefaults()
    {
        if (BaseUrl is null)
        {
            var url = Environment.GetEnvironmentVariable(UrlEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed))
            {
                BaseUrl = parsed;
            }
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            var key = Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(key))
            {
                ApiKey = key.Trim();
            }
        }

        return this;
    }

    /// <summary>Checks the settings and returns every problem found (empty when valid). Never includes the key itself.</summary>
    /// <returns>The problems, one sentence each.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BaseUrl is null)
        {
            problems.Add($"BaseUrl is required (or set {UrlEnvironmentVariable}).");
        }
        else if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("BaseUrl must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            problems.Add($"ApiKey is required (or set {ApiKeyEnvironmentVariable}).");
        }
        else if (ApiKey.Any(char.IsWhiteSpace) || ApiKey.Any(char.IsControl))
        {
            problems.Add("ApiKey must not contain whitespace or control characters.");
        }

        Check(problems, TokenRefreshSkew >= TimeSpan.Zero && TokenRefreshSkew <= TimeSpan.FromHours(1), "TokenRefreshSkew must be between 0 and 1 hour.");
        Check(problems, Timeout > TimeSpan.Zero, "Timeout must be positive.");
        Check(problems, LongOperationTimeout > TimeSpan.Zero, "LongOperationTimeout must be positive.");
        Check(problems, MaxRetries is >= 0 and <= 10, "MaxRetries must be between 0 and 10.");
        Check(problems, RetryBaseDelay >= TimeSpan.Zero, "RetryBaseDelay must not be negative.");
        Check(problems, RetryMaxDelay >= RetryBaseDelay, "RetryMaxDelay must not be below RetryBaseDelay.");
        Check(problems, PageSize is >= 1 and <= 1000, "PageSize must be between 1 and 1000.");

        if (Polling is null)
        {
            problems.Add("Polling must not be null.");
        }
        else
        {
            problems.AddRange(Polling.Validate());
        }

        return problems;
    }

    private static void Check(List<string> problems, bool condition, string message)
    {
        if (!condition)
        {
            problems.Add(message);
        }
    }
}
