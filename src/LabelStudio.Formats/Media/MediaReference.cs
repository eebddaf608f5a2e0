using System.Text;

namespace LabelStudio.Formats.Media;

/// <summary>
/// A media reference from task data, classified by URL form (see <see cref="MediaReferenceKind"/>), with the
/// decoded path and the file name it should be saved under.
/// </summary>
public sealed class MediaReference
{
    private static readonly string[] CloudSchemes = ["s3", "gs", "azure-blob"];

    // Query parameters whose values name a file, not a secret: kept when redacting.
    private static readonly string[] HarmlessQueryNames = ["d", "fileuri", "filepath"];

    private MediaReference(string original, MediaReferenceKind kind, string path, Uri? uri, string? nameSource = null)
    {
        Original = original;
        Kind = kind;
        Path = path;
        Uri = uri;
        FileName = FileNameOf(nameSource ?? path);
    }

    /// <summary>The reference exactly as given.</summary>
    public string Original { get; }

    /// <summary>The URL form.</summary>
    public MediaReferenceKind Kind { get; }

    /// <summary>
    /// The decoded path: for <see cref="MediaReferenceKind.Upload"/> the part after <c>/data/upload/</c> (e.g.
    /// <c>1/a1b2c3d4-cat.jpg</c>); for <see cref="MediaReferenceKind.LocalFiles"/> the decoded <c>d</c> parameter;
    /// for <see cref="MediaReferenceKind.LabelStudioPath"/> the path and query relative to the Label Studio root
    /// (base path removed, starting with <c>/</c>); for <see cref="MediaReferenceKind.FilePath"/> the file path; for
    /// URLs the decoded URL path.
    /// </summary>
    public string Path { get; }

    /// <summary>The absolute URI for <see cref="MediaReferenceKind.Http"/> and <see cref="MediaReferenceKind.CloudStorage"/>.</summary>
    public Uri? Uri { get; }

    /// <summary>The file name to save the media under: the last path segment, decoded, made safe for any file system.</summary>
    public string FileName { get; }

    /// <summary>Classifies <paramref name="reference"/>.</summary>
    /// <param name="reference">The string found in task data.</param>
    /// <param name="basePath">
    /// The path Label Studio is served under (e.g. <c>/labelstudio</c> for <c>https://host/labelstudio/</c>); a
    /// reference that starts with it is read without it. <see langword="null"/> or <c>/</c> for none.
    /// </param>
    /// <returns>The classified reference.</returns>
    /// <exception cref="MediaException">Reason <see cref="MediaErrorReason.InvalidReference"/> or <see cref="MediaErrorReason.Unsupported"/>.</exception>
    public static MediaReference Parse(string reference, string? basePath = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim();
        if (text.Length == 0)
        {
            throw new MediaException(MediaErrorReason.InvalidReference, reference, "The media reference is empty.");
        }

        var control = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (control >= 0)
        {
            throw new MediaException(MediaErrorReason.InvalidReference, reference, $"The media reference contains a control character at index {control}.");
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsScheme(text.AsSpan(0, schemeEnd)))
        {
            return ParseAbsolute(reference, text, text[..schemeEnd].ToLowerInvariant());
        }

        if (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new MediaException(MediaErrorReason.Unsupported, reference, "Protocol-relative URLs and data: URIs are not supported; use an absolute http(s) URL.");
        }

        var relative = StripBasePath(text, basePath);
        if (StartsWithSegment(relative, "/data/upload/") || StartsWithSegment(relative, "data/upload/") || StartsWithSegment(relative, "upload/"))
        {
            var rest = relative[(relative.IndexOf("upload/", StringComparison.Ordinal) + "upload/".Length)..];
            rest = RemoveQueryAndFragment(rest);
            return new MediaReference(reference, MediaReferenceKind.Upload, Unescape(rest, reference, plusIsSpace: false), null);
        }

        if (StartsWithSegment(relative, "/data/local-files") || StartsWithSegment(relative, "data/local-files"))
        {
            var d = QueryValue(relative, "d", reference);
            if (string.IsNullOrEmpty(d))
            {
                throw new MediaException(MediaErrorReason.InvalidReference, reference, "A /data/local-files/ URL needs a non-empty 'd' query parameter naming the file.");
            }

            return new MediaReference(reference, MediaReferenceKind.LocalFiles, d, null);
        }

        if (relative.StartsWith('/'))
        {
            return new MediaReference(reference, MediaReferenceKind.LabelStudioPath, relative, null, LabelStudioPathName(relative, reference));
        }

        return new MediaReference(reference, MediaReferenceKind.FilePath, text, null);
    }

    /// <summary>
    /// Returns <paramref name="reference"/> with secrets removed: user info, fragments and the values of query
    /// parameters (except <c>d</c>, <c>fileuri</c> and <c>filepath</c>, which name files) become <c>***</c>.
    /// </summary>
    /// <param name="reference">A reference or URL.</param>
    /// <returns>The redacted text, safe for logs and messages.</returns>
    public static string Redact(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference;
        var builder = new StringBuilder(text.Length);

        var fragment = text.IndexOf('#', StringComparison.Ordinal);
        var hasFragment = fragment >= 0;
        if (hasFragment)
        {
            text = text[..fragment];
        }

        var query = text.IndexOf('?', StringComparison.Ordinal);
        var beforeQuery = query >= 0 ? text[..query] : text;
        var schemeEnd = beforeQuery.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var authorityStart = schemeEnd + 3;
            var authorityEnd = beforeQuery.IndexOf('/', authorityStart);
            var authority = authorityEnd < 0 ? beforeQuery[authorityStart..] : beforeQuery[authorityStart..authorityEnd];
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                beforeQuery = string.Concat(beforeQuery.AsSpan(0, authorityStart), "***@", beforeQuery.AsSpan(authorityStart + at + 1));
            }
        }

        builder.Append(beforeQuery);
        if (query >= 0)
        {
            builder.Append('?');
            var first = true;
            foreach (var pair in text[(query + 1)..].Split('&'))
            {
                if (!first)
                {
                    builder.Append('&');
                }

                first = false;
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    builder.Append(pair.Length == 0 ? string.Empty : "***");
                    continue;
                }

                var name = pair[..eq];
                builder.Append(name).Append('=');
                builder.Append(HarmlessQueryNames.Contains(name, StringComparer.OrdinalIgnoreCase) ? pair[(eq + 1)..] : "***");
            }
        }

        if (hasFragment)
        {
            builder.Append("#***");
        }

        return builder.ToString();
    }

    /// <summary>
    /// Where the Label Studio server serves this reference, relative to its root URL (base path excluded):
    /// <c>data/upload/&lt;path&gt;</c> and <c>data/local-files/?d=&lt;path&gt;</c> with each path segment
    /// percent-escaped, a <see cref="MediaReferenceKind.LabelStudioPath"/> as it is without its leading slash.
    /// </summary>
    /// <returns>The relative URL, to resolve against the server's root URL.</returns>
    /// <exception cref="MediaException">
    /// Reason <see cref="MediaErrorReason.OutsideRoot"/> for an upload or local-files path with a <c>..</c> segment
    /// (between <c>/</c> or <c>\</c>): the server's file roots are not left, whatever the server would make of it;
    /// <see cref="MediaErrorReason.Unsupported"/> for the forms the server does not serve itself (cloud storage,
    /// http(s) URLs, file paths).
    /// </exception>
    public string ToLabelStudioRelativeUrl()
    {
        if (Kind is MediaReferenceKind.Upload or MediaReferenceKind.LocalFiles && Path.Split('/', '\\').Contains(".."))
        {
            throw new MediaException(MediaErrorReason.OutsideRoot, Original, "'..' segments are not allowed in a Label Studio file path.");
        }

        return Kind switch
        {
            MediaReferenceKind.Upload => "data/upload/" + EscapeSegments(Path),
            MediaReferenceKind.LocalFiles => "data/local-files/?d=" + EscapeSegments(Path),
            MediaReferenceKind.LabelStudioPath => Path.TrimStart('/'),
            _ => throw new MediaException(MediaErrorReason.Unsupported, Original, $"A {Kind} reference is not a file the Label Studio server serves itself."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Redact(Original);

    private static string EscapeSegments(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static MediaReference ParseAbsolute(string reference, string text, string scheme)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new MediaException(MediaErrorReason.InvalidReference, reference, "The media reference is not a valid absolute URL.");
        }

        if (scheme is "http" or "https")
        {
            return new MediaReference(reference, MediaReferenceKind.Http, Uri.UnescapeDataString(uri.AbsolutePath), uri);
        }

        if (CloudSchemes.Contains(scheme))
        {
            if (string.IsNullOrEmpty(uri.Host))
            {
                throw new MediaException(MediaErrorReason.InvalidReference, reference, $"A {scheme}:// URI needs a bucket or container name.");
            }

            return new MediaReference(reference, MediaReferenceKind.CloudStorage, Uri.UnescapeDataString(uri.AbsolutePath), uri);
        }

        if (scheme == "file")
        {
            return new MediaReference(reference, MediaReferenceKind.FilePath, uri.LocalPath, null);
        }

        throw new MediaException(MediaErrorReason.Unsupported, reference, $"The URL scheme '{scheme}' is not supported; expected http, https, s3, gs, azure-blob or file.");
    }

    private static string LabelStudioPathName(string relative, string reference)
    {
        // A presign or storage-proxy URL names the file in its query: fileuri (base64 of the storage URI) or filepath.
        var fileUri = QueryValue(relative, "fileuri", reference);
        if (!string.IsNullOrEmpty(fileUri))
        {
            try
            {
                var padded = fileUri.Replace('-', '+').Replace('_', '/');
                padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                return RemoveQueryAndFragment(decoded);
            }
            catch (FormatException)
            {
                // Not base64: fall back to the path's own last segment.
            }
        }

        var filePath = QueryValue(relative, "filepath", reference);
        return string.IsNullOrEmpty(filePath) ? RemoveQueryAndFragment(relative) : filePath;
    }

    private static bool IsScheme(ReadOnlySpan<char> candidate)
    {
        if (!char.IsAsciiLetter(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    private static string StripBasePath(string text, string? basePath)
    {
        var prefix = basePath?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(prefix))
        {
            return text;
        }

        if (!prefix.StartsWith('/'))
        {
            prefix = "/" + prefix;
        }

        return text.StartsWith(prefix + "/", StringComparison.Ordinal) ? text[prefix.Length..] : text;
    }

    private static bool StartsWithSegment(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal)
        && (prefix.EndsWith('/') || text.Length == prefix.Length || text[prefix.Length] is '/' or '?');

    private static string RemoveQueryAndFragment(string text)
    {
        var end = text.IndexOfAny(['?', '#']);
        return end < 0 ? text : text[..end];
    }

    private static string? QueryValue(string text, string name, string reference)
    {
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        var fragment = text.IndexOf('#', query);
        var queryText = fragment < 0 ? text[(query + 1)..] : text[(query + 1)..fragment];
        foreach (var pair in queryText.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (key == name)
            {
                // Django's QueryDict decodes '+' as a space, and so do we.
                return eq < 0 ? string.Empty : Unescape(pair[(eq + 1)..], reference, plusIsSpace: true);
            }
        }

        return null;
    }

    private static string Unescape(string text, string reference, bool plusIsSpace)
    {
        if (plusIsSpace)
        {
            text = text.Replace('+', ' ');
        }

        var decoded = Uri.UnescapeDataString(text);
        if (decoded.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
        {
            throw new MediaException(MediaErrorReason.InvalidReference, reference, "The decoded path contains a control character.");
        }

        return decoded;
    }

    private static string FileNameOf(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var slash = trimmed.LastIndexOfAny(['/', '\\']);
        var name = slash < 0 ? trimmed : trimmed[(slash + 1)..];
        if (name.Length == 0 || name == "." || name == "..")
        {
            return "media";
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            // Characters some file system refuses (Windows being the strictest) become '_'.
            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' || char.IsControl(c) ? '_' : c);
        }

        return builder.ToString();
    }
}
