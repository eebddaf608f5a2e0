using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace LabelStudio.Client.Tests.Infrastructure;

/// <summary>A recorded request: what the client put on the wire.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentType)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>An in-memory transport: records each request and answers with the first route that matches.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly List<(Func<HttpRequestMessage, bool> Match, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond)> _routes = [];

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> All => [.. Requests];

    public RecordingHandler On(HttpMethod method, string pathAndQueryPrefix, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        _routes.Add((r => r.Method == method && r.RequestUri!.PathAndQuery.StartsWith(pathAndQueryPrefix, StringComparison.Ordinal), respond));
        return this;
    }

    public RecordingHandler On(HttpMethod method, string pathAndQueryPrefix, Func<HttpResponseMessage> respond) =>
        On(method, pathAndQueryPrefix, (_, _) => Task.FromResult(respond()));

    /// <summary>Answers successive matching requests with the given responses, repeating the last one.</summary>
    public RecordingHandler OnSequence(HttpMethod method, string pathAndQueryPrefix, params Func<HttpResponseMessage>[] responses)
    {
        var index = -1;
        return On(method, pathAndQueryPrefix, () => responses[Math.Min(Interlocked.Increment(ref index), responses.Length - 1)]());
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is not null)
        {
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.ToString()));
        foreach (var (match, respond) in _routes)
        {
            if (match(request))
            {
                var response = await respond(request, cancellationToken).ConfigureAwait(false);
                response.RequestMessage ??= request;
                return response;
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("{\"detail\": \"no route in test\"}", Encoding.UTF8, "application/json") };
    }
}
