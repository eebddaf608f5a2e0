using System.Net.Http.Headers;

namespace LabelStudio.Client.Http;

/// <summary>
/// The HTTP plumbing shared by every sub-client, the escape hatch and, later, the task sub-clients and the media
/// resolver: one named HttpClient carrying credentials, retries, timeouts and error mapping.
/// </summary>
internal sealed class LabelStudioHttp(IHttpClientFactory factory, LabelStudioClientOptions options, TimeProvider timeProvider, TokenManager tokens)
{
    public const string HttpClientName = "LabelStudio.Client";

    public LabelStudioClientOptions Options { get; } = options;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The credential and its access-token cache, shared with the media authenticator.</summary>
    public TokenManager Tokens { get; } = tokens;

    /// <summary>An HttpClient through the full pipeline (auth, resilience, logging), based at the server's URL.</summary>
    public HttpClient CreateClient() => factory.CreateClient(HttpClientName);

    /// <summary>Sends a request through the pipeline; a non-success answer becomes a <see cref="LabelStudioApiException"/> and the response is disposed.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await CreateClient().SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Polly.Timeout.TimeoutRejectedException e)
        {
            throw TransportErrors.Translate(request, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorResponseParser.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);

    internal static MediaTypeHeaderValue Json { get; } = new("application/json");
}
