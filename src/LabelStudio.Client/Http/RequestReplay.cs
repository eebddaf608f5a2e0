namespace LabelStudio.Client.Http;

/// <summary>Which requests may be sent twice: decided by method, by the operation's server semantics and by whether the body can be re-read.</summary>
internal static class RequestReplay
{
    /// <summary>Set on a request whose POST is safe to replay (validation, token refresh, polling-style reads).</summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("LabelStudio.Idempotent");

    /// <summary>Set on a request whose body is a caller's stream that cannot be rewound.</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamedBodyKey = new("LabelStudio.StreamedBody");

    /// <summary>Per-call attempt timeout, read by the resilience pipeline.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutKey = new("LabelStudio.Timeout");

    public static bool IsBufferable(HttpRequestMessage request) =>
        !(request.Options.TryGetValue(StreamedBodyKey, out var streamed) && streamed)
        && request.Content is not (StreamContent or MultipartContent);

    public static bool CanReplay(HttpRequestMessage request) => request.Content is null || IsBufferable(request);

    /// <summary>True when a retry after a failed answer cannot create a second entity or start a second job (reference client.md §10.2).</summary>
    public static bool IsSafeToRetry(HttpRequestMessage request)
    {
        if (!CanReplay(request))
        {
            return false;
        }

        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Patch)
        {
            return true;
        }

        return request.Options.TryGetValue(IdempotentKey, out var idempotent) && idempotent;
    }
}
