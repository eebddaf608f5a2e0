using LabelStudio.Formats.Media;

namespace LabelStudio.Client.Media;

/// <summary>Thrown inside the connect callback; the resolver turns it into a <see cref="MediaException"/> naming the URL.</summary>
internal sealed class MediaGuardException(MediaErrorReason reason, string detail, Exception? innerException = null)
    : Exception(detail, innerException)
{
    public MediaErrorReason Reason { get; } = reason;
}
