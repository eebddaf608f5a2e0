using System.Net;
using System.Net.Http.Headers;

namespace LabelStudio.Client.Http;

/// <summary>Puts the credential on every request; on a 401 with a personal access token, refreshes once and replays once.</summary>
internal sealed class AuthenticationHandler(TokenManager tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = await tokens.GetHeaderAsync(cancellationToken).ConfigureAwait(false);
        Apply(request, header);
        if (request.Content is not null && RequestReplay.IsBufferable(request))
        {
            // Buffer small JSON/form bodies so a refresh-and-replay can send them again.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !RequestReplay.CanReplay(request))
        {
            return response;
        }

        if (!await tokens.TryRefreshAfterUnauthorizedAsync(header, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        Apply(request, await tokens.GetHeaderAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(HttpRequestMessage request, AuthHeader header)
    {
        if (header.Scheme is null)
        {
            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Credential);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(header.Scheme, header.Credential);
        }
    }
}
