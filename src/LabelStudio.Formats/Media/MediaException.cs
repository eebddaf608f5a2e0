namespace LabelStudio.Formats.Media;

/// <summary>
/// A media reference could not be opened or read. <see cref="Reference"/> names it with secrets (query tokens,
/// user info) redacted, and <see cref="Reason"/> says why.
/// </summary>
public class MediaException : Exception
{
    /// <summary>Creates an exception for <paramref name="reference"/>, which is redacted before it is stored.</summary>
    /// <param name="reason">Why the reference failed.</param>
    /// <param name="reference">The reference as found in task data (or the URL being fetched); may be <see langword="null"/>.</param>
    /// <param name="message">What went wrong and, where useful, how to fix it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public MediaException(MediaErrorReason reason, string? reference, string message, Exception? innerException = null)
        : base(Compose(reason, reference, message), innerException)
    {
        Reason = reason;
        Reference = reference is null ? null : MediaReference.Redact(reference);
    }

    /// <summary>Creates an exception with a message only (reason <see cref="MediaErrorReason.InvalidReference"/>).</summary>
    public MediaException()
        : this(MediaErrorReason.InvalidReference, null, "The media reference is invalid.")
    {
    }

    /// <summary>Creates an exception with a message only (reason <see cref="MediaErrorReason.InvalidReference"/>).</summary>
    /// <param name="message">The message.</param>
    public MediaException(string message)
        : this(MediaErrorReason.InvalidReference, null, message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception (reason <see cref="MediaErrorReason.InvalidReference"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public MediaException(string message, Exception? innerException)
        : this(MediaErrorReason.InvalidReference, null, message, innerException)
    {
    }

    /// <summary>Why the reference failed.</summary>
    public MediaErrorReason Reason { get; }

    /// <summary>The reference or URL, with query values and user info redacted; <see langword="null"/> when unknown.</summary>
    public string? Reference { get; }

    private static string Compose(MediaErrorReason reason, string? reference, string message) =>
        reference is null
            ? $"{message} ({reason})"
            : $"'{MediaReference.Redact(reference)}': {message} ({reason})";
}
