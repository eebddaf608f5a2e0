using System.Security.Cryptography;
using System.Text;

namespace LabelStudio.Client.Media;

/// <summary>
/// On-disk cache: one file per normalised URL, named by its full SHA-256 (no truncated hash, no user-chosen name, so
/// entries cannot collide or be steered), written to a temporary file and moved into place.
/// </summary>
internal sealed class MediaCache
{
    private readonly string _directory;

    public MediaCache(string directory)
    {
        _directory = Path.GetFullPath(directory);
    }

    public static string KeyOf(string normalizedUrl) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedUrl)));

    public string PathOf(string key) => Path.Join(_directory, key[..2], key);

    public string? TryGet(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Writes an entry through <paramref name="write"/>; on any failure the temporary file is deleted.</summary>
    public async Task<string> StoreAsync(string key, Func<Stream, Task> write)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        CreatePrivateDirectory(_directory);
        CreatePrivateDirectory(folder);
        var temp = Path.Join(folder, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }

            try
            {
                File.Move(temp, path, overwrite: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // A concurrent fetch of the same URL won (and the entry may be open): keep its copy.
                TryDelete(temp);
            }

            return path;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        // Cached media may come from authenticated requests: keep it readable by this user only.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is never read as an entry.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
