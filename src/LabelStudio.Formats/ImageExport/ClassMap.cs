namespace LabelStudio.Formats.ImageExport;

/// <summary>
/// A fixed list of class names whose position is the class id, shared by several projects so that every export
/// numbers classes the same way (a YOLO <c>classes.txt</c>: one name per line, line N is class N). Labels that are
/// not in the map are dropped and reported, never given a new id.
/// </summary>
public sealed class ClassMap
{
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a map from names in class-id order.</summary>
    /// <exception cref="ArgumentException">A name is empty or listed twice.</exception>
    public ClassMap(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = new List<string>();
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"Class {list.Count} has an empty name.", nameof(names));
            }

            if (!_ids.TryAdd(name, list.Count))
            {
                throw new ArgumentException($"Class '{name}' is listed twice (ids {_ids[name]} and {list.Count}).", nameof(names));
            }

            list.Add(name);
        }

        Names = list;
    }

    /// <summary>The class names; the index is the class id.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads a <c>classes.txt</c> (one name per line; blank trailing lines ignored).</summary>
    /// <exception cref="ArgumentException">A line is empty or a name repeats; the message gives the line.</exception>
    public static ClassMap Parse(string classesText)
    {
        ArgumentNullException.ThrowIfNull(classesText);
        var lines = classesText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new ClassMap(lines);
    }

    /// <summary>Reads a <c>classes.txt</c> file.</summary>
    public static async Task<ClassMap> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text);
    }

    /// <summary>Finds the id of <paramref name="name"/>.</summary>
    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);
}
