using LabelStudio.Config;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The part of a labeling config the exporters need, shaped like the official converter's schema: control name to
/// tag type, and the data keys of the object tags. An absent config gives an empty schema (every result dropped
/// but chat messages).
/// </summary>
internal sealed class ExportSchema
{
    private readonly Dictionary<string, string> _controls;

    // Repeater controls (name="labels_{{idx}}"): the name split at the index flag, longest template first.
    private readonly List<(string[] Parts, string Type)> _templates;

    public ExportSchema(IReadOnlyDictionary<string, string> controls, IReadOnlyList<string> dataKeys, IReadOnlyList<(string Name, string Flag, string Type)>? templates = null)
    {
        _controls = new Dictionary<string, string>(controls, StringComparer.Ordinal);
        DataKeys = dataKeys;
        _templates = [.. (templates ?? [])
            .OrderByDescending(t => t.Name.Length)
            .Select(t => (t.Name.Split(t.Flag), t.Type))];
    }

    public IReadOnlyList<string> DataKeys { get; }

    public IReadOnlyDictionary<string, string> Controls => _controls;

    public static ExportSchema From(LabelConfig? config)
    {
        if (config is null)
        {
            return new ExportSchema(new Dictionary<string, string>(), []);
        }

        var controls = new Dictionary<string, string>(StringComparer.Ordinal);
        var templates = new List<(string Name, string Flag, string Type)>();
        foreach (var control in config.Controls)
        {
            // The official parse_config counts a tag as a control only with both name and toName (utils.py
            // _is_output_tag): a Chat without toName is an object there, its messages kept by the chatmessage rule.
            if (control.Name is { Length: > 0 } name && control.GetAttribute("toName") is { Length: > 0 }
                && !string.Equals(control.TagName, "Filter", StringComparison.OrdinalIgnoreCase))
            {
                controls.TryAdd(name, control.TagName);
                var flag = control.Repeater?.GetAttribute("indexFlag") is { Length: > 0 } f ? f : DefaultIndexFlag;
                if (control.Repeater is not null && name.Contains(flag, StringComparison.Ordinal))
                {
                    templates.Add((name, flag, control.TagName));
                }
            }
        }

        var keys = config.Objects.Where(o => o.DataKey is not null).Select(o => o.DataKey!).Distinct(StringComparer.Ordinal).ToArray();
        return new ExportSchema(controls, keys, templates);
    }

    /// <summary>
    /// The tag type of the control a result's <c>from_name</c> names, or null when the schema has none. A Repeater's
    /// templated control (<c>labels_{{idx}}</c>) names the results <c>labels_0</c>, <c>labels_1</c>, ...: as the official
    /// converter, the longest template matching with the index flag standing for digits wins.
    /// </summary>
    public string? ControlType(string? fromName)
    {
        if (fromName is null)
        {
            return null;
        }

        if (_controls.TryGetValue(fromName, out var type))
        {
            return type;
        }

        foreach (var (parts, templateType) in _templates)
        {
            if (MatchesTemplate(fromName, parts))
            {
                return templateType;
            }
        }

        return null;
    }

    private const string DefaultIndexFlag = "{{idx}}";

    /// <summary>True when <paramref name="name"/> is parts[0] digits parts[1] digits ... parts[^1].</summary>
    private static bool MatchesTemplate(string name, string[] parts)
    {
        if (!name.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var digits = position;
            while (digits < name.Length && char.IsAsciiDigit(name[digits]))
            {
                digits++;
            }

            if (digits == position)
            {
                return false;
            }

            // Digits may run into a part that itself starts with a digit: try every split point, longest first.
            var matched = false;
            for (var end = digits; end > position; end--)
            {
                var rest = name.AsSpan(end);
                if (i == parts.Length - 1 ? rest.SequenceEqual(parts[i]) : rest.StartsWith(parts[i], StringComparison.Ordinal))
                {
                    position = end + parts[i].Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return false;
            }
        }

        return position == name.Length;
    }
}
