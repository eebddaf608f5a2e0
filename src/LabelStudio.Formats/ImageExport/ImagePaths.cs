using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// The official converter's image path resolution (<c>get_local_path</c>) as it behaves without a Label Studio
/// host or downloads: Label Studio upload, local-files and cloud URIs keep their text; any other reference
/// (http(s), relative names) becomes the cache path <c>images/&lt;md5(url)[:8]&gt;__&lt;basename&gt;</c>.
/// Label, VOC and COCO file names derive from the result.
/// </summary>
internal static class ImagePaths
{
    private static readonly string[] KeptPrefixes =
    [
        "/data/upload/", "upload/", "s3://", "gs://", "azure-blob://", "gcs://",
    ];

    public static string Resolve(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Contains("/data/local-files/?d=", StringComparison.Ordinal))
        {
            return reference;
        }

        foreach (var prefix in KeptPrefixes)
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reference;
            }
        }

        return CachePath(reference);
    }

    /// <summary><c>images/&lt;md5(url)[:8]&gt;__&lt;basename of the URL path&gt;</c>.</summary>
    public static string CachePath(string reference) => "images/" + CacheFileName(reference);

    public static string CacheFileName(string reference) => HashPrefix(reference) + "__" + BaseName(UrlPath(reference));

    public static string HashPrefix(string reference)
    {
        // A file-name prefix the official converter derives from the URL; not a security use of MD5.
#pragma warning disable CA5351
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(reference));
#pragma warning restore CA5351
        var builder = new StringBuilder(8);
        for (var i = 0; i < 4; i++)
        {
            builder.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>os.path.basename</c>: the text after the last slash.</summary>
    public static string BaseName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    /// <summary>Python's <c>os.path.splitext(name)[0]</c>: a leading dot does not start an extension.</summary>
    public static string Stem(string fileName)
    {
        var length = StemLength(fileName);
        return length == fileName.Length ? fileName : fileName[..length];
    }

    /// <summary>The stem of the resolved path, cut to 251 characters as the official YOLO exporter does.</summary>
    public static string LabelStem(string reference)
    {
        // On spans, one string at the end (the base name and the stem would be two more per item).
        var resolved = Resolve(reference);
        var name = resolved.AsSpan(resolved.LastIndexOf('/') + 1);
        var stem = name[..StemLength(name)];
        if (stem.Length > 251)
        {
            stem = stem[..251];
        }

        return stem.Length == resolved.Length ? resolved : new string(stem);
    }

    // The length of Stem(name) (see there).
    private static int StemLength(ReadOnlySpan<char> name)
    {
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return name.Length;
        }

        var leadingDots = 0;
        while (leadingDots < name.Length && name[leadingDots] == '.')
        {
            leadingDots++;
        }

        return dot < leadingDots ? name.Length : dot;
    }

    /// <summary>A label file stem cut to 251 characters, as the official YOLO exporter does.</summary>
    public static string TruncateStem(string stem) => stem.Length > 251 ? stem[..251] : stem;

    /// <summary>The path part of a URL (<c>urlparse(url).path</c>): without scheme, host, query and fragment.</summary>
    internal static string UrlPath(string reference)
    {
        var text = reference;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash];
        }

        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            text = text[..query];
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var pathStart = text.IndexOf('/', scheme + 3);
            text = pathStart >= 0 ? text[pathStart..] : string.Empty;
        }

        return text;
    }
}
