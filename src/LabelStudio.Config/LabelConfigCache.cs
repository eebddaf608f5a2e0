using System.Diagnostics.CodeAnalysis;
using LabelStudio.Config.Parsing;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config;

/// <summary>
/// Parsed configs by content, for callers that see the same config again and again (an ML backend receives the
/// project's config with every request). Thread-safe and bounded by entry count and total text length, least recently
/// used first out. Invalid configs are cached too, with their diagnostics, so a bad config sent repeatedly is parsed
/// once. Parsed configs are immutable, so one instance serves every caller.
/// </summary>
/// <remarks>
/// The key is the whole config text plus the options that change the result; a lookup hashes the text (randomized
/// per process, so crafted collisions cannot degrade it) and compares it in full on a hit, so a hit never returns
/// another config's result. The text is held by the parsed config anyway, so keying by it costs no memory.
/// </remarks>
public sealed class LabelConfigCache
{
    private readonly int _maxEntries;
    private readonly long _maxTotalLength;
    private readonly Lock _gate = new();
    private readonly Dictionary<CacheKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = [];
    private long _totalLength;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="options">The bounds; <see cref="LabelConfigCacheOptions"/> defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is below 1.</exception>
    public LabelConfigCache(LabelConfigCacheOptions? options = null)
    {
        options ??= new LabelConfigCacheOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEntries, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTotalLength, 1L, nameof(options));
        _maxEntries = options.MaxEntries;
        _maxTotalLength = options.MaxTotalLength;
    }

    /// <summary>The number of configs kept.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached config for this text and options, parsing it on first use.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="options">Strictness and limits; <see cref="LabelConfigOptions.Default"/> when null.</param>
    /// <returns>The parsed config, the same instance for every call with equal text and options while it is kept.</returns>
    /// <exception cref="LabelConfigException">The config has at least one error (also when the failure was cached).</exception>
    public LabelConfig GetOrParse(string xml, LabelConfigOptions? options = null)
    {
        var result = GetOrAdd(xml, options);
        return result.Config ?? throw new LabelConfigException(result.Diagnostics);
    }

    /// <summary>The cached config for this text, parsing it on first use; never throws for bad input.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="config">The parsed config when it has no error; otherwise null.</param>
    /// <param name="diagnostics">Every error and warning, in document order.</param>
    /// <returns>True when the config has no error.</returns>
    public bool TryGetOrParse(string xml, [NotNullWhen(true)] out LabelConfig? config, out IReadOnlyList<ConfigDiagnostic> diagnostics) =>
        TryGetOrParse(xml, null, out config, out diagnostics);

    /// <summary>The cached config for this text and options, parsing it on first use; never throws for bad input.</summary>
    /// <param name="xml">The config text.</param>
    /// <param name="options">Strictness and limits; <see cref="LabelConfigOptions.Default"/> when null.</param>
    /// <param name="config">The parsed config when it has no error; otherwise null.</param>
    /// <param name="diagnostics">Every error and warning, in document order.</param>
    /// <returns>True when the config has no error.</returns>
    public bool TryGetOrParse(string xml, LabelConfigOptions? options, [NotNullWhen(true)] out LabelConfig? config, out IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var result = GetOrAdd(xml, options);
        config = result.Config;
        diagnostics = result.Diagnostics;
        return config is not null;
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
            _totalLength = 0;
        }
    }

    private ParseResult GetOrAdd(string xml, LabelConfigOptions? options)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= LabelConfigOptions.Default;
        if (xml.Length > _maxTotalLength)
        {
            return ParseResult.Of(xml, options);
        }

        var key = new CacheKey(xml, options);
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                entry = new Entry(key);
                _entries.Add(key, _recency.AddFirst(entry));
                _totalLength += xml.Length;
                while (_entries.Count > _maxEntries || _totalLength > _maxTotalLength)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Value.Key);
                    _totalLength -= oldest.Value.Key.Xml.Length;
                }
            }
        }

        // Parsed outside the lock so that other configs are served meanwhile; callers asking for this one wait for
        // the first parse instead of repeating it.
        return entry.Result.Value;
    }

    private sealed class Entry(CacheKey key)
    {
        public CacheKey Key { get; } = key;

        public Lazy<ParseResult> Result { get; } = new(() => ParseResult.Of(key.Xml, key.Options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private sealed record ParseResult(LabelConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
    {
        public static ParseResult Of(string xml, LabelConfigOptions options)
        {
            var (config, diagnostics) = ConfigParser.Parse(xml, options);
            // Shared by every caller: hand out a view that cannot be changed through a cast.
            var shared = diagnostics is List<ConfigDiagnostic> list ? list.AsReadOnly() : diagnostics;
            return new ParseResult(config is not null && !diagnostics.Any(d => d.IsError) ? config : null, shared);
        }
    }

    /// <summary>
    /// The text and the option values that change a parse (equal options may be different instances). A property
    /// added to <see cref="LabelConfigOptions"/> must be added here too.
    /// </summary>
    private readonly struct CacheKey(string xml, LabelConfigOptions options) : IEquatable<CacheKey>
    {
        public string Xml { get; } = xml;

        public LabelConfigOptions Options { get; } = options;

        public bool Equals(CacheKey other) =>
            Options.UnknownTagSeverity == other.Options.UnknownTagSeverity
            && Options.MaxLength == other.Options.MaxLength
            && Options.MaxDepth == other.Options.MaxDepth
            && string.Equals(Xml, other.Xml, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is CacheKey other && Equals(other);

        public override int GetHashCode() =>
            HashCode.Combine(string.GetHashCode(Xml, StringComparison.Ordinal), Options.UnknownTagSeverity, Options.MaxLength, Options.MaxDepth);
    }
}
