using System.Net.Http.Headers;

namespace LabelStudio.Client.Media;

/// <summary>Sends a legacy Label Studio API key as <c>Authorization: Token &lt;key&gt;</c>.</summary>
public sealed class LegacyTokenMediaAuthenticator : IMediaRequestAuthenticator
{
    private readonly string _token;

    /// <summary>Creates an authenticator for the legacy API key <paramref name="token"/> (Account page, 40 hex characters).</summary>
    /// <param name="token">The API key.</param>
    public LegacyTokenMediaAuthenticator(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
    }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", _token);
        return ValueTask.CompletedTask;
    }

    /// <summary>Names the type without the key, so the key never reaches a log.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => "Token ***";
}
