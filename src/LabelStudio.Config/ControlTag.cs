using LabelStudio.Config.Parsing;
using LabelStudio.Config.Tags;

namespace LabelStudio.Config;

/// <summary>A control tag: produces annotation results (<c>&lt;RectangleLabels name="label" toName="image"&gt;</c>).</summary>
public sealed class ControlTag : ConfigTag
{
    private readonly List<ObjectTag> _objects = [];
    private LabelTag[] _labels = [];
    private IReadOnlyList<LabelTag> _labelsView = [];
    private int _labelCount;
    private int _placedLabels;
    private LabelValueSet _labelValues = LabelValueSet.Empty;

    internal ControlTag(string tagName, TagSpec? spec, ConfigTag? parent, int line, int column, KeyValuePair<string, string>[]? attributes)
        : base(tagName, spec, parent, line, column, attributes)
    {
        var toName = GetAttribute("toName");
        ToNames = toName is null ? [] : SplitNames(toName);
        var value = GetAttribute("value");
        // Only controls with a vocabulary read labels from task data; Chat's value is its message list, TextArea's a default text.
        var hasVocabulary = spec is null || (spec.LabelTagName is not null && !spec.IsSelfReferencing);
        DynamicLabelsKey = value is not null && hasVocabulary ? DataKeys.KeyOf(value) : null;
    }

    /// <summary>The object names of <c>toName</c> (comma-separated in the config, trimmed here).</summary>
    public IReadOnlyList<string> ToNames { get; }

    /// <summary>The objects <see cref="ToNames"/> resolve to, in order; names that resolve to no object are left out.</summary>
    public IReadOnlyList<ObjectTag> Objects => _objects;

    /// <summary>The <c>type</c> written in results: the lowercased tag name for known controls (<c>rectanglelabels</c>).</summary>
    public string ResultType => Spec?.ResultType ?? TagName.ToLowerInvariant();

    /// <summary>Every label of this control in document order, nested Taxonomy choices included.</summary>
    public IReadOnlyList<LabelTag> Labels => _labelsView;

    /// <summary>The top-level labels (for Taxonomy, the roots of the tree).</summary>
    public IEnumerable<LabelTag> RootLabels => _labels.Where(l => l.ParentLabel is null);

    /// <summary>The values results carry for the labels (alias when present, else value), in document order, duplicates removed.</summary>
    public IReadOnlyList<string> LabelValues { get; private set; } = [];

    /// <summary>True when the vocabulary comes from task data (<c>value="$key"</c>) or an API (<c>apiUrl</c>).</summary>
    public bool IsDynamic => DynamicLabelsKey is not null || HasAttribute("apiUrl");

    /// <summary>For dynamic labels, the task-data key holding them (<c>labels</c> for <c>value="$labels"</c>); otherwise null.</summary>
    public string? DynamicLabelsKey { get; }

    /// <summary><c>perRegion="true"</c>: the control annotates each selected region rather than the whole object.</summary>
    public bool IsPerRegion => GetBoolean("perRegion");

    /// <summary><c>perItem="true"</c>: the control annotates each item of a multi-item object.</summary>
    public bool IsPerItem => GetBoolean("perItem");

    /// <summary><c>required="true"</c>.</summary>
    public bool IsRequired => GetBoolean("required");

    /// <summary>True when the control allows several labels or choices at once (<c>choice="multiple"</c>).</summary>
    public bool IsMultipleChoice => string.Equals(GetAttribute("choice"), "multiple", StringComparison.Ordinal);

    /// <summary>The <c>whenTagName</c> condition, or null.</summary>
    public string? WhenTagName => GetAttribute("whenTagName");

    /// <summary>The <c>whenLabelValue</c> condition, or null.</summary>
    public string? WhenLabelValue => GetAttribute("whenLabelValue");

    /// <summary>The <c>whenChoiceValue</c> condition, or null.</summary>
    public string? WhenChoiceValue => GetAttribute("whenChoiceValue");

    /// <summary>True when the control is shown only under a condition (when* attributes or <c>visibleWhen</c>).</summary>
    public bool IsConditional => WhenTagName is not null || WhenLabelValue is not null || WhenChoiceValue is not null || HasAttribute("visibleWhen");

    /// <summary>True for tags that act as object and control at once (Chat, ReactCode).</summary>
    public bool IsSelfReferencing => Spec?.IsSelfReferencing ?? false;

    /// <summary>True when <paramref name="value"/> is one of <see cref="LabelValues"/> (ordinal comparison).</summary>
    public bool HasLabel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _labelValues.Contains(value);
    }

    /// <summary>Python's <c>as_tuple</c> key: <c>from_name|to_name|type</c> for each object.</summary>
    public IEnumerable<string> ResultKeys => ToNames.Select(to => $"{Name}|{to}|{ResultType}");

    internal static string[] SplitNames(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    internal void AddObject(ObjectTag tag) => _objects.Add(tag);

    /// <summary>Counts a label during parsing; <see cref="PlaceLabel"/> fills the exactly sized array afterwards (see <see cref="ConfigTag.PlaceChild"/>).</summary>
    internal void CountLabel() => _labelCount++;

    /// <summary>
    /// Stores the next label in document order and adds its result value to the vocabulary; false when a label
    /// before it has the same value.
    /// </summary>
    internal bool PlaceLabel(LabelTag label)
    {
        if (_placedLabels == 0)
        {
            _labels = new LabelTag[_labelCount];
            _labelValues = new LabelValueSet(_labelCount);
        }

        _labels[_placedLabels++] = label;
        if (_placedLabels == _labels.Length)
        {
            _labelsView = Array.AsReadOnly(_labels);
        }

        var isNew = label.ResultValue is not { } value || _labelValues.Add(value, label.ResultValueHash);
        if (_placedLabels == _labels.Length)
        {
            LabelValues = _labelValues.Values;
        }

        return isNew;
    }

    /// <summary>True when some label sits inside another (Taxonomy): duplicates then count among siblings only.</summary>
    internal bool HasNestedLabels { get; set; }
}
