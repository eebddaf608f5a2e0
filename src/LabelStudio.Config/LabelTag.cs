using LabelStudio.Config.Parsing;
using LabelStudio.Config.Tags;

namespace LabelStudio.Config;

/// <summary>A label-like child: <c>Label</c>, <c>Choice</c> (nested for Taxonomy) or <c>Relation</c>.</summary>
public sealed class LabelTag : ConfigTag
{
    private List<LabelTag>? _childLabels;

    internal LabelTag(string tagName, TagSpec? spec, ConfigTag? parent, int line, int column, KeyValuePair<string, string>[]? attributes)
        : base(tagName, spec, parent, line, column, attributes)
    {
        Value = GetAttribute("value");
        Alias = GetAttribute("alias");
        if (ResultValue is { } resultValue)
        {
            // Hashed now, while the string is in cache; the vocabulary set is built after the parse (see LabelValueSet).
            ResultValueHash = LabelValueSet.Hash(resultValue);
        }
    }

    internal int ResultValueHash { get; }

    /// <summary>The <c>value</c> attribute, or null when missing (an error).</summary>
    public string? Value { get; }

    /// <summary>The <c>alias</c> attribute, or null.</summary>
    public string? Alias { get; }

    /// <summary>What results carry for this label: the alias when present, otherwise the value.</summary>
    public string? ResultValue => Alias ?? Value;

    /// <summary>The <c>background</c> colour, or null.</summary>
    public string? Background => GetAttribute("background");

    /// <summary>The <c>hotkey</c>, or null.</summary>
    public string? Hotkey => GetAttribute("hotkey");

    /// <summary>True when <c>selected="true"</c> (preselected choice or label).</summary>
    public bool IsSelected => GetBoolean("selected");

    /// <summary>The control whose vocabulary this label belongs to (nearest enclosing control), or null for an orphan.</summary>
    public ControlTag? Control { get; internal set; }

    /// <summary>For nested Taxonomy choices, the enclosing choice; otherwise null.</summary>
    public LabelTag? ParentLabel { get; internal set; }

    /// <summary>Nested choices (Taxonomy, Choices with allowNested).</summary>
    public IReadOnlyList<LabelTag> ChildLabels => (IReadOnlyList<LabelTag>?)_childLabels ?? [];

    /// <summary>The path of result values from the top-level choice down to this one, as Taxonomy results write it.</summary>
    public IReadOnlyList<string> LabelPath
    {
        get
        {
            var path = new List<string>();
            for (var label = this; label is not null; label = label.ParentLabel)
            {
                path.Add(label.ResultValue ?? string.Empty);
            }

            path.Reverse();
            return path;
        }
    }

    internal void AddChildLabel(LabelTag child) => (_childLabels ??= []).Add(child);
}
