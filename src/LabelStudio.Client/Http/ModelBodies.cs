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

    /// <summary>
    /// The JSON object of an annotation or prediction to create, with <c>"result": []</c> when it has no regions: the Formats
    /// writer leaves out an empty list that was not read from JSON, and Label Studio requires the member on create.
    /// </summary>
    public static JsonObject WithResult(byte[] utf8)
    {
        var body = ToObject(utf8);
        if (!body.ContainsKey("result"))
        {
            body["result"] = new JsonArray();
        }

        return body;
    }

    /// <summary>Reads a JSON array of model objects with <paramref name="readOne"/>, element by element, so errors keep their position.</summary>
    public static List<T> ReadArray<T>(byte[] utf8, Func<ReadOnlySpan<byte>, T> readOne, string itemName)
    {
        var items = new List<T>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LabelStudioJsonException($"Expected a JSON array of {itemName}s.", null, reader.TokenStartIndex, 1, reader.TokenStartIndex + 1, null, null);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new LabelStudioJsonException($"Expected a {itemName} object, found {reader.TokenType}.", items.Count, start, 1, start + 1, null, null);
            }

            reader.Skip();
            var element = utf8.AsSpan(start, (int)reader.BytesConsumed - start);
            try
            {
                items.Add(readOne(element));
            }
            catch (LabelStudioJsonException ex)
            {
                throw new LabelStudioJsonException($"{itemName} {items.Count}: {ex.Reason ?? ex.Message}", items.Count, start + ex.ByteOffset, 1, start + ex.ByteOffset + 1, ex.Path, ex);
            }
        }

        return items;
    }

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
