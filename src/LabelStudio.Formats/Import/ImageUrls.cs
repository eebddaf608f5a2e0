using System.Text;

namespace LabelStudio.Formats.Import;

/// <summary>Joins an image root URL and a file name as the official importers do.</summary>
internal static class ImageUrls
{
    /// <summary>
    /// The file name loses its leading slashes and is percent-encoded like Python's <c>quote(name, safe="/")</c>
    /// (<c>s3://b/k.jpg</c> gives <c>s3%3A//b/k.jpg</c>), then follows the root: directly when the root ends with
    /// <c>/</c> or <c>=</c> (a local-files <c>?d=</c> parameter), otherwise after a <c>/</c>.
    /// </summary>
    public static string Join(string root, string fileName)
    {
        var path = Quote(fileName.TrimStart('/'));
        if (root.Length == 0)
        {
            return path;
        }

        return root.EndsWith('/') || root.EndsWith('=') ? root + path : root + "/" + path;
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~' or '/')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
            var count = Encoding.UTF8.GetBytes(value.AsSpan(i, length), bytes);
            for (var b = 0; b < count; b++)
            {
                builder.Append('%').Append(bytes[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return builder.ToString();
    }
}
