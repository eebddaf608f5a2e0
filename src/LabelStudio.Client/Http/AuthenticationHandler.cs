using System.Net;
using System.Net.Http.Headers;

namespace LabelStudio.Client.Http;

/// <summary>Puts the credential on every request; on a 401 with a personal access token, refreshes once and replays once.</summary>
internal sealed class AuthenticationHandler(TokenManager tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AuthHeader header;
        try
        {
            header = await tokens.GetHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioApiException e)
        {
            // An expired key or a rejected refresh answers this call as the server would have, so every caller
            // (Refit, the escape hatch) maps it the same way and no exception type of the pipeline leaks.
            return AsResponse(request, e.Error);
        }

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
        try
        {
            Apply(request, await tokens.GetHeaderAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (LabelStudioApiException e)
        {
            return AsResponse(request, e.Error);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static HttpResponseMessage AsResponse(HttpRequestMessage request, LabelStudioErrorResponse error)
    {
        var body = error.RawBody;
        if (string.IsNullOrEmpty(body))
        {
            body = System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, System.Text.Json.JsonElement>
                {
                    ["detail"] = System.Text.Json.JsonSerializer.SerializeToElement(error.Detail ?? string.Empty, LabelStudioJsonContext.Default.String),
                },
                LabelStudioJsonContext.Default.DictionaryStringJsonElement);
        }

        return new HttpResponseMessage((HttpStatusCode)error.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
    }

    internal static void Apply(HttpRequestMessage request, AuthHeader header)
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
