namespace LabelStudio.Formats.Conversion;

/// <summary>Creates the exporters' output files.</summary>
/// <remarks>
/// <see cref="FileMode.Create"/> truncates after opening, and ext4 writes a file truncated to zero back to disk when it
/// is closed (its replace-by-truncate safeguard): closing COCO's 460 MB annotations part of a 100k-task export waited
/// about a second for the disk. <see cref="FileMode.CreateNew"/> needs no truncation; a file that is already there (an
/// earlier run's leftover in a directory given to an exporter directly, or the same media copied twice) is replaced as
/// before.
/// </remarks>
internal static class OutputFile
{
    /// <summary>Creates <paramref name="path"/>, replacing a file already there.</summary>
    public static FileStream Create(string path, int bufferSize, FileOptions options, FileAccess access = FileAccess.Write)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, access, FileShare.None, bufferSize, options);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            // A directory there fails here as it always did (not as "already exists").
            return new FileStream(path, FileMode.Create, access, FileShare.None, bufferSize, options);
        }
    }
}
