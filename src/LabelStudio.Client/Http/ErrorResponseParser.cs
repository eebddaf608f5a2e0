using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LabelStudio.Client.Http;

/// <summary>Turns an error response into the matching <see cref="LabelStudioApiException"/>, whatever the body's shape.</summary>
internal static class ErrorResponseParser
{
    private const int MaxBodyChars = 64 * 1024;

    public static async Task<LabelStudioApiException> CreateExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? body = null;
        try
        {
            body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or ObjectDisposedException)
        {
            // A body that cannot be read still leaves the status, method and path to report.
        }

        return Create(response, body);
    }

    public static LabelStudioApiException Create(HttpResponseMessage response, string? body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var error = Parse(
            (int)response.StatusCode,
            body,
            response.RequestMessage?.Method.Method,
            response.RequestMessage?.RequestUri?.AbsolutePath,
            HeaderValue(response, "X-Request-Id"),
            RetryAfterOf(response, response.Headers.Date));
        return Create(error);
    }

    public static LabelStudioApiException Create(LabelStudioErrorResponse error) => (HttpStatusCode)error.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new LabelStudioAuthenticationException(error),
        HttpStatusCode.NotFound => new LabelStudioNotFoundException(error),
        HttpStatusCode.BadRequest => new LabelStudioValidationException(error),
        _ => new LabelStudioApiException(error),
    };

    public static LabelStudioErrorResponse Parse(int statusCode, string? body, string? method, string? path, string? headerRequestId, TimeSpan? retryAfter)
    {
        string? detail = null, requestId = null, version = null, code = null, excInfo = null;
        var validation = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var trimmed = body?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 32 });
                var root = document.RootElement;
                switch (root.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var property in root.EnumerateObject())
                        {
                            switch (property.Name)
                            {
                                case "detail":
                                    detail = Text(property.Value);
                                    break;
                                case "id" when property.Value.ValueKind == JsonValueKind.String:
                                    requestId = property.Value.GetString();
                                    break;
                                case "version":
                                    version = Text(property.Value);
                                    break;
                                case "code":
                                    code = Text(property.Value);
                                    break;
                                case "exc_info":
                                    excInfo = Text(property.Value);
                                    break;
                                case "status_code":
                                    break;
                                case "validation_errors" when property.Value.ValueKind == JsonValueKind.Object:
                                    foreach (var field in property.Value.EnumerateObject())
                                    {
                                        validation[field.Name] = Messages(field.Value);
                                    }

                                    break;
                                default:
                                    // Plain DRF serializer errors: {"field": ["message", ...]}.
                                    if (property.Value.ValueKind == JsonValueKind.Array)
                                    {
                                        validation[property.Name] = Messages(property.Value);
                                    }

                                    break;
                            }
                        }

                        break;
                    case JsonValueKind.String:
                        detail = root.GetString();
                        break;
                    case JsonValueKind.Array:
                        var messages = Messages(root);
                        detail = messages.Count > 0 ? string.Join(" ", messages) : null;
                        if (messages.Count > 0)
                        {
                            validation["non_field_errors"] = messages;
                        }

                        break;
                    default:
                        detail = trimmed;
                        break;
                }
            }
            catch (JsonException)
            {
                // An HTML error page from a proxy, or text: keep a short excerpt as the detail.
                detail = trimmed.Length > 500 ? trimmed[..500] + "..." : trimmed;
            }
        }

        return new LabelStudioErrorResponse
        {
            StatusCode = statusCode,
            Method = method,
            RequestPath = path,
            Detail = detail,
            RequestId = requestId ?? headerRequestId,
            ServerVersion = version,
            Code = code,
            ExceptionInfo = excInfo,
            ValidationErrors = validation,
            RawBody = body,
            RetryAfter = retryAfter,
        };
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static List<string> Messages(JsonElement value)
    {
        var list = new List<string>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    list.AddRange(Messages(item));
                }

                break;
            case JsonValueKind.Object:
                foreach (var nested in value.EnumerateObject())
                {
                    list.AddRange(Messages(nested.Value).Select(m => $"{nested.Name}: {m}"));
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                list.Add(Text(value) ?? string.Empty);
                break;
        }

        return list;
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The server's requested wait; an HTTP date is measured from <paramref name="now"/> (null: only from the response's Date header).</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset? now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && (response.Headers.Date ?? now) is { } reference)
        {
            var wait = date - reference;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        if (HeaderValue(response, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return null;
    }

    private static async Task<string?> ReadCappedAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[MaxBodyChars];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return new string(buffer, 0, total);
        }
    }
}
