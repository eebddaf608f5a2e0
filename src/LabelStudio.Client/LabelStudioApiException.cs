using System.Net;

namespace LabelStudio.Client;

/// <summary>
/// A Label Studio server answered with an error status. Parsed from every error shape the server sends:
/// the custom envelope (<c>id</c>, <c>status_code</c>, <c>version</c>, <c>detail</c>, <c>exc_info</c>, <c>validation_errors</c>),
/// plain DRF bodies (<c>{"detail": ...}</c> or field maps), simplejwt bodies (<c>detail</c> + <c>code</c>), bare JSON strings and non-JSON text.
/// </summary>
public class LabelStudioApiException : Exception
{
    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="error">The parsed error response.</param>
    public LabelStudioApiException(LabelStudioErrorResponse error)
        : base(BuildMessage(error))
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    internal LabelStudioApiException(LabelStudioErrorResponse error, Exception innerException)
        : base(BuildMessage(error), innerException)
    {
        Error = error;
    }

    /// <summary>Creates an exception without a response (for mocking).</summary>
    public LabelStudioApiException()
        : this(new LabelStudioErrorResponse { StatusCode = 0 })
    {
    }

    /// <summary>Creates an exception with a message only (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioApiException(string message)
        : base(message)
    {
        Error = new LabelStudioErrorResponse { StatusCode = 0, Detail = message };
    }

    /// <summary>Creates an exception with a message and an inner exception (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new LabelStudioErrorResponse { StatusCode = 0, Detail = message };
    }

    /// <summary>The parsed error response.</summary>
    public LabelStudioErrorResponse Error { get; }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Error.StatusCode;

    /// <summary>The server's explanation (<c>detail</c>), if any.</summary>
    public string? Detail => Error.Detail;

    /// <summary>The server's request id (the envelope's <c>id</c>, for its logs), if any.</summary>
    public string? RequestId => Error.RequestId;

    /// <summary>Field → messages of a 400 validation error (empty when none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ValidationErrors => Error.ValidationErrors;

    private static string BuildMessage(LabelStudioErrorResponse error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = $"Label Studio answered {error.StatusCode}";
        if (error.Method is not null && error.RequestPath is not null)
        {
            text += $" to {error.Method} {error.RequestPath}";
        }

        if (!string.IsNullOrEmpty(error.Detail))
        {
            text += $": {error.Detail}";
        }

        if (error.ValidationErrors.Count > 0)
        {
            text += " (" + string.Join("; ", error.ValidationErrors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")) + ")";
        }

        if (error.RequestId is not null)
        {
            text += $" [request id {error.RequestId}]";
        }

        return text;
    }
}
