using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.Tokens;

/// <summary>Personal access tokens and the organization's JWT settings. The client refreshes its own access tokens; these calls are for managing tokens.</summary>
public class TokensClient
{
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected TokensClient()
    {
    }

    internal TokensClient(IResourcesApi api) => _api = api;

    /// <summary>Lists the current user's personal access tokens.</summary>
    /// <returns>The tokens (without secrets).</returns>
    [Operation("api_token_list")]
    public virtual LabelStudioPageable<ApiToken> List() => Pageables.Single(ct => _api.ListTokensAsync(ct));

    /// <summary>Creates a personal access token. Not retried.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token, whose secret is shown only now.</returns>
    [Operation("api_token_create")]
    public virtual Task<ApiToken> CreateAsync(CancellationToken cancellationToken = default) => _api.CreateTokenAsync(cancellationToken);

    /// <summary>Exchanges a personal access token for an access token (what the client does by itself).</summary>
    /// <param name="refreshToken">The personal access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The access token.</returns>
    [Operation("api_token_refresh_create")]
    public virtual Task<TokenRefreshResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return _api.RefreshTokenAsync(new TokenRefreshRequest { Refresh = refreshToken }, true, cancellationToken);
    }

    /// <summary>Replaces a personal access token with a new one and blacklists the old one. Not retried (a replay would fail on the blacklisted token).</summary>
    /// <param name="refreshToken">The current personal access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new token.</returns>
    [Operation("api_token_rotate_create")]
    public virtual Task<TokenRotateResponse> RotateAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return _api.RotateTokenAsync(new TokenRefreshRequest { Refresh = refreshToken }, cancellationToken);
    }

    /// <summary>Revokes a personal access token.</summary>
    /// <param name="refreshToken">The token to revoke.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when revoked.</returns>
    [Operation("api_token_blacklist_create")]
    public virtual Task BlacklistAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return _api.BlacklistTokenAsync(new TokenRefreshRequest { Refresh = refreshToken }, true, cancellationToken);
    }

    /// <summary>Reads the organization's JWT settings.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    [Operation("api_jwt_settings_retrieve")]
    public virtual Task<JwtSettings> GetJwtSettingsAsync(CancellationToken cancellationToken = default) => _api.GetJwtSettingsAsync(cancellationToken);

    /// <summary>Changes the organization's JWT settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    [Operation("api_jwt_settings_create")]
    public virtual Task<JwtSettings> UpdateJwtSettingsAsync(JwtSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _api.UpdateJwtSettingsAsync(settings, true, cancellationToken);
    }
}
