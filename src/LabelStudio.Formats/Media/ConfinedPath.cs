namespace LabelStudio.Formats.Media;

/// <summary>Resolves a relative path under a root folder, refusing anything that would leave it.</summary>
internal static class ConfinedPath
{
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Returns the full path of <paramref name="relative"/> under <paramref name="root"/>, or <see langword="null"/>
    /// when no such file exists. Throws <see cref="MediaErrorReason.OutsideRoot"/> for absolute paths, <c>..</c>
    /// segments and symlinks whose target leaves the root.
    /// </summary>
    public static string? Resolve(string root, string relative, string reference)
    {
        if (relative.Length == 0 || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new MediaException(MediaErrorReason.InvalidReference, reference, "The path is empty or contains a NUL character.");
        }

        if (relative[0] is '/' or '\\' || Path.IsPathRooted(relative) || (relative.Length >= 2 && relative[1] == ':'))
        {
            throw new MediaException(MediaErrorReason.OutsideRoot, reference, "Absolute paths are not allowed here; the path must be relative to the configured root.");
        }

        foreach (var segment in relative.Split('/', '\\'))
        {
            if (segment == "..")
            {
                throw new MediaException(MediaErrorReason.OutsideRoot, reference, "'..' segments are not allowed in the path.");
            }
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var candidate = Path.GetFullPath(Path.Join(fullRoot, relative));
        if (!IsUnder(candidate, fullRoot))
        {
            throw new MediaException(MediaErrorReason.OutsideRoot, reference, "The path leaves the configured root.");
        }

        if (!Directory.Exists(fullRoot))
        {
            return null;
        }

        var hops = 0;
        var realRoot = RealPath(fullRoot, ref hops, reference);
        var realCandidate = RealPath(candidate, ref hops, reference);
        if (!IsUnder(realCandidate, realRoot))
        {
            throw new MediaException(MediaErrorReason.OutsideRoot, reference, "The path goes through a symbolic link whose target leaves the configured root.");
        }

        return File.Exists(realCandidate) ? candidate : null;
    }

    private static bool IsUnder(string path, string root) =>
        path.Length > root.Length
        && path.StartsWith(root, PathComparison)
        && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar);

    /// <summary>Follows every symbolic link on the way, component by component (a managed <c>realpath</c>).</summary>
    private static string RealPath(string fullPath, ref int hops, string reference)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        var rest = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < rest.Length; i++)
        {
            var next = Path.Join(current, rest[i]);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new MediaException(MediaErrorReason.OutsideRoot, reference, "Too many levels of symbolic links.");
            }

            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Join(current, target));
            current = RealPath(resolved, ref hops, reference);
        }

        return current.Length == 0 ? fullPath : current;
    }
}
