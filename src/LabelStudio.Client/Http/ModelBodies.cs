using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Http;

/// <summary>Request and response bodies made of the Formats models (tasks, annotations, predictions), written and read with their own contract.</summary>
internal static class ModelBodies
{
    /// <summary>A buffered JSON body: small REST bodies stay replayable, so PATCH and DELETE can be retried.</summary>
    public static ByteArrayContent Json(byte[] utf8)
    {
        var content = new ByteArrayContent(utf8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A buffered JSON body from a node.</summary>
    public static ByteArrayContent Json(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LabelStudioJson.Options.Encoder }))
        {
            node.WriteTo(writer);
        }

        return Json(buffer.WrittenSpan.ToArray());
    }

    /// <summary>A model as a JSON object, to add or override members (e.g. the target task or project) without touching the caller's object.</summary>
    public static JsonObject ToObject(byte[] utf8) =>
        JsonNode.Parse(utf8) as JsonObject ?? throw new InvalidOperationException("The model did not serialize to a JSON object.");

    /// <summary>Sends a request and reads its JSON answer with <paramref name="read"/>; an unreadable answer becomes a <see cref="LabelStudioApiException"/> naming the call.</summary>
    public static async Task<T> SendAsync<T>(LabelStudioHttp http, HttpRequestMessage request, Func<byte[], T> read, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(bytes);
        }
        catch (JsonException ex)
        {
            throw new LabelStudioApiException(
                new LabelStudioErrorResponse
                {
                    StatusCode = (int)response.StatusCode,
                    Method = request.Method.Method,
                    RequestPath = request.RequestUri?.OriginalString,
                    Detail = "The response body could not be read as the expected type: " + ex.Message,
                },
                ex);
        }
    }

    /// <summary>Sends a request whose answer body is not needed.</summary>
    public static async Task SendAsync(LabelStudioHttp http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }
}
