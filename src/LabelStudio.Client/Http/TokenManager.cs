using System.Net;
using System.Net.Http.Json;
using LabelStudio.Client.Tokens;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Client.Http;

/// <summary>
/// Holds the client's credential and, for personal access tokens, the cached access token: refreshed before expiry
/// (with a skew margin), one refresh at a time however many calls wait, and on demand after a 401.
/// The refresh call goes through its own HttpClient without this handler, so it can never recurse or loop on 401.
/// </summary>
internal sealed partial class TokenManager : IDisposable
{
    internal const string RefreshClientName = "LabelStudio.Client.TokenRefresh";

    private readonly string _key;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _skew;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly DateTimeOffset? _keyExpiresAt;
    private volatile AccessToken? _current;

    public TokenManager(LabelStudioClientOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<TokenManager> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.ApiKey ?? string.Empty;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _skew = options.TokenRefreshSkew;
        _logger = logger;
        Mode = options.AuthenticationMode;
        if (JwtToken.TryRead(_key, out var jwt))
        {
            Kind = string.Equals(jwt.TokenType, "access", StringComparison.Ordinal) ? CredentialKind.AccessToken : CredentialKind.PersonalAccessToken;
            _keyExpiresAt = jwt.ExpiresAt;
        }
        else
        {
            Kind = CredentialKind.LegacyToken;
        }
    }

    public CredentialKind Kind { get; }

    public LabelStudioAuthenticationMode Mode { get; }

    /// <summary>Number of refresh exchanges made (for diagnostics and tests).</summary>
    public int RefreshCount { get; private set; }

    /// <summary>The header to send now, refreshing first if the cached access token is missing or about to expire.</summary>
    public async ValueTask<AuthHeader> GetHeaderAsync(CancellationToken cancellationToken)
    {
        switch (Kind)
        {
            case CredentialKind.LegacyToken:
                return Header("Token", _key);
            case CredentialKind.AccessToken:
                EnsureNotExpired(_keyExpiresAt, "access token");
                return Header("Bearer", _key);
            default:
                var token = _current;
                if (token is null || IsDue(token))
                {
                    token = await RefreshAsync(token, cancellationToken).ConfigureAwait(false);
                }

                return Header("Bearer", token.Value);
        }
    }

    /// <summary>After a 401: refresh unless another caller already replaced the token that failed. False when the key cannot be refreshed.</summary>
    public async ValueTask<bool> TryRefreshAfterUnauthorizedAsync(AuthHeader failed, CancellationToken cancellationToken)
    {
        if (Kind != CredentialKind.PersonalAccessToken)
        {
            return false;
        }

        var current = _current;
        if (current is not null && !string.Equals(current.Value, failed.Credential, StringComparison.Ordinal))
        {
            return true;
        }

        await RefreshAsync(current, cancellationToken, force: true).ConfigureAwait(false);
        return true;
    }

    private bool IsDue(AccessToken token) =>
        token.ExpiresAt is { } expires && expires - _skew <= _timeProvider.GetUtcNow();

    private AuthHeader Header(string scheme, string credential) =>
        Mode == LabelStudioAuthenticationMode.XApiKey ? new AuthHeader("X-Api-Key", null, credential) : new AuthHeader("Authorization", scheme, credential);

    private void EnsureNotExpired(DateTimeOffset? expiresAt, string what)
    {
        if (expiresAt is { } expires && expires <= _timeProvider.GetUtcNow())
        {
            throw ErrorResponseParser.Create(new LabelStudioErrorResponse
            {
                StatusCode = (int)HttpStatusCode.Unauthorized,
                Detail = $"The configured {what} expired at {expires:u}; create a new personal access token in Label Studio (Account & Settings).",
            });
        }
    }

    private async Task<AccessToken> RefreshAsync(AccessToken? seen, CancellationToken cancellationToken, bool force = false)
    {
        EnsureNotExpired(_keyExpiresAt, "personal access token");
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Double check: whoever held the lock before us may already have refreshed.
            var current = _current;
            if (current is not null && !ReferenceEquals(current, seen) && !IsDue(current))
            {
                return current;
            }

            if (!force && current is not null && !IsDue(current))
            {
                return current;
            }

            var http = _httpClientFactory.CreateClient(RefreshClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, LabelStudioHttp.Relative("api/token/refresh/"))
            {
                Content = JsonContent.Create(new TokenRefreshRequest { Refresh = _key }, LabelStudioJsonContext.Default.TokenRefreshRequest),
            };

            // A pure exchange: safe to retry on transient failures.
            request.Options.Set(RequestReplay.IdempotentKey, true);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ErrorResponseParser.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
                LogRefreshFailed(_logger, (int)response.StatusCode);
                throw error;
            }

            var body = await response.Content.ReadFromJsonAsync(LabelStudioJsonContext.Default.TokenRefreshResponse, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(body?.Access))
            {
                throw ErrorResponseParser.Create(new LabelStudioErrorResponse
                {
                    StatusCode = (int)HttpStatusCode.BadGateway,
                    Method = "POST",
                    RequestPath = "/api/token/refresh/",
                    Detail = "The token refresh answer carried no access token.",
                });
            }

            JwtToken.TryRead(body.Access, out var claims);
            var fresh = new AccessToken(body.Access, claims.ExpiresAt);
            _current = fresh;
            RefreshCount++;
            LogRefreshed(_logger, claims.ExpiresAt);
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose() => _refreshLock.Dispose();

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Label Studio access token refreshed; it expires at {ExpiresAt}.")]
    private static partial void LogRefreshed(ILogger logger, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Label Studio token refresh failed with status {Status}.")]
    private static partial void LogRefreshFailed(ILogger logger, int status);

    private sealed record AccessToken(string Value, DateTimeOffset? ExpiresAt);
}

/// <summary>A credential header to put on a request. <see cref="ToString"/> never shows the secret.</summary>
internal readonly record struct AuthHeader(string Name, string? Scheme, string Credential)
{
    public override string ToString() => $"{Name}: {Scheme} ***";
}
