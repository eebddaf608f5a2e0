namespace LabelStudio.Config;

/// <summary>Bounds of a <see cref="LabelConfigCache"/>.</summary>
public sealed class LabelConfigCacheOptions
{
    /// <summary>The default <see cref="MaxEntries"/>.</summary>
    public const int DefaultMaxEntries = 256;

    /// <summary>The default <see cref="MaxTotalLength"/>: room for one config of the largest size <see cref="LabelConfigOptions"/> accepts by default.</summary>
    public const long DefaultMaxTotalLength = LabelConfigOptions.DefaultMaxLength;

    /// <summary>The most configs kept; the least recently used one goes first. At least 1.</summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;

    /// <summary>
    /// The most config text kept, in characters summed over the entries (a parsed config takes a few times its text
    /// in memory). A config longer than this on its own is parsed but not kept. At least 1.
    /// </summary>
    public long MaxTotalLength { get; init; } = DefaultMaxTotalLength;
}
