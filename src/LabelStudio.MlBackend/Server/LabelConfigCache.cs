using System.Collections.Concurrent;
using LabelStudio.Config;

namespace LabelStudio.MlBackend.Server;

/// <summary>Label Studio sends the same config with every call: parse it once.</summary>
internal sealed class LabelConfigCache
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, LabelConfig> _configs = new(StringComparer.Ordinal);

    public LabelConfig Get(string xml)
    {
        if (_configs.TryGetValue(xml, out var config))
        {
            return config;
        }

        config = LabelConfig.Parse(xml);
        if (_configs.Count >= MaxEntries)
        {
            // Rare (hundreds of distinct configs): start over rather than track recency on the hot path.
            _configs.Clear();
        }

        _configs[xml] = config;
        return config;
    }
}
