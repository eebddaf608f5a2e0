namespace LabelStudio.Formats.Media;

/// <summary>Why a media reference could not be opened; callers branch on this rather than on exception types.</summary>
public enum MediaErrorReason
{
    /// <summary>The reference needs a setting that is not configured (a root folder, the Label Studio URL, a task id).</summary>
    NotConfigured,

    /// <summary>The reference is not a form this source handles.</summary>
    Unsupported,

    /// <summary>The reference is malformed (empty, control characters, an invalid URL or an invalid escape).</summary>
    InvalidReference,

    /// <summary>The reference points outside the configured root (<c>..</c>, an absolute path, a symlink leaving the root).</summary>
    OutsideRoot,

    /// <summary>The file or remote object does not exist (HTTP 404 or a missing local file).</summary>
    NotFound,

    /// <summary>The server refused access (HTTP 401 or 403).</summary>
    AccessDenied,

    /// <summary>The target address is loopback, private, link-local or otherwise not public, and is not allow-listed.</summary>
    BlockedAddress,

    /// <summary>The content is larger than the configured byte cap.</summary>
    TooLarge,

    /// <summary>The fetch did not complete within the configured timeout.</summary>
    Timeout,

    /// <summary>The redirect chain is longer than allowed, loops, or downgrades from https to http.</summary>
    RedirectRefused,

    /// <summary>The server answered with an unexpected HTTP status.</summary>
    HttpError,

    /// <summary>The connection failed (DNS, TCP, TLS) or broke during the transfer.</summary>
    NetworkError,

    /// <summary>The content is not a readable PNG, JPEG, GIF, BMP or WebP image header.</summary>
    InvalidImage,
}
