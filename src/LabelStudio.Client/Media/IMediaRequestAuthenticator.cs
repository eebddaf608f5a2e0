namespace LabelStudio.Client.Media;

/// <summary>
/// Adds Label Studio credentials to a media request. <see cref="LabelStudioMediaResolver"/> calls it only for
/// requests whose origin (scheme, host, port) equals the configured Label Studio origin, and never again once a
/// redirect chain has left that origin. Implement it to plug in other authentication (e.g. personal access tokens).
/// </summary>
public interface IMediaRequestAuthenticator
{
    /// <summary>Adds credentials (typically the <c>Authorization</c> header) to <paramref name="request"/>.</summary>
    /// <param name="request">A request to the Label Studio origin.</param>
    /// <param name="cancellationToken">Cancels the operation (e.g. a token refresh).</param>
    /// <returns>A task that completes when the credentials are applied.</returns>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default);
}
