using System.Net;
using LabelStudio.Formats.Media;

namespace LabelStudio.Client.Media;

/// <summary>A media fetch failed with an HTTP status (401/403, 404 or another non-success code).</summary>
public sealed class MediaHttpException : MediaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The reason (<see cref="MediaErrorReason.AccessDenied"/>, <see cref="MediaErrorReason.NotFound"/> or <see cref="MediaErrorReason.HttpError"/>).</param>
    /// <param name="reference">The URL that answered; redacted before it is stored.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    public MediaHttpException(MediaErrorReason reason, string? reference, HttpStatusCode statusCode, string message)
        : base(reason, reference, message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
