using LabelStudio.Client.Http;

namespace LabelStudio.Client.Media;

/// <summary>
/// Puts a <see cref="LabelStudioClient"/>'s credential on media requests: a legacy key as <c>Token</c>, a personal access
/// token exchanged for a short-lived access token sent as <c>Bearer</c> (the client's own cache: refreshed before it expires,
/// one refresh at a time), or <c>X-Api-Key</c> when the client is configured so. <see cref="LabelStudioMediaResolver"/>
/// applies it only to requests to the Label Studio origin. <see cref="LabelStudioClient.CreateMediaResolver"/> wires it up.
/// </summary>
public sealed class LabelStudioClientMediaAuthenticator : IMediaRequestAuthenticator
{
    private readonly TokenManager _tokens;

    /// <summary>Creates an authenticator sharing <paramref name="client"/>'s credential and token cache.</summary>
    /// <param name="client">A client created with options or dependency injection (not a mock).</param>
    public LabelStudioClientMediaAuthenticator(LabelStudioClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _tokens = client.Http?.Tokens ?? throw new ArgumentException("The client has no connection (a mock); media requests need a real client.", nameof(client));
    }

    /// <inheritdoc />
    /// <exception cref="LabelStudioAuthenticationException">The personal access token expired or its exchange was refused.</exception>
    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = await _tokens.GetHeaderAsync(cancellationToken).ConfigureAwait(false);
        AuthenticationHandler.Apply(request, header);
    }

    /// <summary>Names the type without the credential, so it never reaches a log.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => "Label Studio client credential ***";
}
