using LabelStudio.Client.Http;

namespace LabelStudio.Client;

/// <summary>Per-request settings for requests sent through <see cref="LabelStudioClient.SendAsync"/>.</summary>
public static class LabelStudioRequestOptions
{
    /// <summary>Sets the attempt timeout of this request (instead of <see cref="LabelStudioClientOptions.Timeout"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="timeout">The timeout of one attempt.</param>
    /// <returns>The same request.</returns>
    public static HttpRequestMessage WithTimeout(this HttpRequestMessage request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        request.Options.Set(RequestReplay.TimeoutKey, timeout);
        return request;
    }

    /// <summary>
    /// Declares that replaying this POST cannot create a second entity or start a second job, so transient failures
    /// may be retried like a GET. Only for operations that really are idempotent on the server.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The same request.</returns>
    public static HttpRequestMessage AsIdempotent(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(RequestReplay.IdempotentKey, true);
        return request;
    }
}
