using LabelStudio.Config;

namespace LabelStudio.Formats.Validation;

// Name lookups of one config, including names expanded from a Repeater ("labels_{{idx}}" matches "labels_3").
internal sealed class ConfigIndex
{
    private readonly LabelConfig _config;
    private readonly List<ControlTag> _repeatedControls;
    private readonly List<ConfigTag> _repeatedTags;

    public ConfigIndex(LabelConfig config)
    {
        _config = config;
        _repeatedControls = [.. config.Controls.Where(c => c.Name is not null && c.Name.Contains("{{", StringComparison.Ordinal))];
        _repeatedTags = [.. config.Tags.Where(t => t.Name is not null && t.Name.Contains("{{", StringComparison.Ordinal))];
        RelationLabels = new HashSet<string>(
            config.RelationLabels.Select(l => l.ResultValue).OfType<string>(), StringComparer.Ordinal);
    }

    public LabelConfig Config => _config;

    public HashSet<string> RelationLabels { get; }

    // The control and the index that expanded it ("" when the name is not repeated).
    public bool TryGetControl(string name, out ControlTag control, out string repeatIndex)
    {
        repeatIndex = string.Empty;
        if (_config.TryGetControl(name, out var found))
        {
            control = found;
            return true;
        }

        foreach (var candidate in _repeatedControls)
        {
            if (MatchRepeated(candidate.Name!, name, out repeatIndex))
            {
                control = candidate;
                return true;
            }
        }

        control = null!;
        return false;
    }

    public bool TagExists(string name)
    {
        if (_config.TryGetTag(name, out _))
        {
            return true;
        }

        foreach (var tag in _repeatedTags)
        {
            if (MatchRepeated(tag.Name!, name, out _))
            {
                return true;
            }
        }

        return false;
    }

    public static string Expand(string pattern, string repeatIndex)
    {
        if (repeatIndex.Length == 0)
        {
            return pattern;
        }

        var open = pattern.IndexOf("{{", StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf("}}", open, StringComparison.Ordinal);
        return close < 0 ? pattern : string.Concat(pattern.AsSpan(0, open), repeatIndex, pattern.AsSpan(close + 2));
    }

    private static bool MatchRepeated(string pattern, string name, out string index)
    {
        index = string.Empty;
        var open = pattern.IndexOf("{{", StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf("}}", open, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var prefix = pattern.AsSpan(0, open);
        var suffix = pattern.AsSpan(close + 2);
        if (name.Length <= prefix.Length + suffix.Length
            || !name.AsSpan().StartsWith(prefix, StringComparison.Ordinal)
            || !name.AsSpan().EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = name.AsSpan(prefix.Length, name.Length - prefix.Length - suffix.Length);
        foreach (var c in middle)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        index = middle.ToString();
        return true;
    }
}
