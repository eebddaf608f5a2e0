namespace LabelStudio.Formats.Yolo;

/// <summary>
/// The label files a YOLO export has written so far, by image stem, with the task that wrote each and its line count
/// (to report what an overwrite loses). Sharded by the stem's hash: one dictionary of 100 000 stems grows by doubling
/// into large-object-heap arrays (a gen-2 collection per few of them), while 256 small ones stay under that size up to
/// about half a million stems.
/// </summary>
internal sealed class WrittenLabelFiles
{
    private const int ShardCount = 256;

    private readonly Dictionary<string, (long TaskIndex, int Lines)>?[] _shards = new Dictionary<string, (long TaskIndex, int Lines)>?[ShardCount];

    /// <summary>The number of stems recorded.</summary>
    public int Count { get; private set; }

    /// <summary>Whether a label file of this stem was written, and by which task with how many lines.</summary>
    public bool TryGetValue(string stem, out (long TaskIndex, int Lines) written)
    {
        if (_shards[ShardOf(stem)] is { } shard)
        {
            return shard.TryGetValue(stem, out written);
        }

        written = default;
        return false;
    }

    /// <summary>Records (or replaces) what the label file of <paramref name="stem"/> holds now.</summary>
    public void Set(string stem, long taskIndex, int lines)
    {
        var shard = _shards[ShardOf(stem)] ??= new Dictionary<string, (long TaskIndex, int Lines)>(StringComparer.Ordinal);
        var before = shard.Count;
        shard[stem] = (taskIndex, lines);
        Count += shard.Count - before;
    }

    private static int ShardOf(string stem) => StringComparer.Ordinal.GetHashCode(stem) & (ShardCount - 1);
}
