using System.Collections.ObjectModel;

namespace LabelStudio.Config.Tags;

/// <summary>What the catalog knows about one tag: its category, attributes, result type and placement rules.</summary>
public sealed class TagSpec
{
    internal TagSpec(
        string name,
        TagCategory category,
        IEnumerable<AttributeSpec> attributes,
        string? resultType = null,
        IReadOnlyList<string>? controls = null,
        IReadOnlyList<string>? ancestors = null,
        string? labelTag = null,
        IReadOnlyList<string>? serverRequired = null,
        bool opaqueContent = false,
        bool isSelfReferencing = false,
        bool requiresLabels = false)
    {
        Name = name;
        Category = category;
        var map = new Dictionary<string, AttributeSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in attributes)
        {
            map[attribute.Name] = attribute;
        }

        // A plain dictionary, not a frozen one: specs are made during a process's first parses, and analysing the keys
        // for a frozen dictionary cost more (in JIT-compiled code and CPU) than the few lookups per config it speeds
        // up; the read-only view keeps the shared catalog immutable for callers.
        Attributes = new ReadOnlyDictionary<string, AttributeSpec>(map);
        ResultType = resultType;
        ControllableTags = controls;
        RequiredAncestors = ancestors;
        LabelTagName = labelTag;
        ServerCheckedAttributes = serverRequired ?? [];
        HasOpaqueContent = opaqueContent;
        IsSelfReferencing = isSelfReferencing;
        RequiresLabels = requiresLabels;
    }

    /// <summary>The canonical tag name (for example <c>RectangleLabels</c>).</summary>
    public string Name { get; }

    /// <summary>Object, control, label or visual.</summary>
    public TagCategory Category { get; }

    /// <summary>The attributes the tag accepts, looked up case-insensitively.</summary>
    public IReadOnlyDictionary<string, AttributeSpec> Attributes { get; }

    /// <summary>For controls, the <c>type</c> written in results (for example <c>rectanglelabels</c>); otherwise null.</summary>
    public string? ResultType { get; }

    /// <summary>For controls, the object tags <c>toName</c> may point at; null when any object is allowed.</summary>
    public IReadOnlyList<string>? ControllableTags { get; }

    /// <summary>Tags of which this tag must be a descendant (for example Channel inside TimeSeries); null when it may sit anywhere.</summary>
    public IReadOnlyList<string>? RequiredAncestors { get; }

    /// <summary>For controls with a vocabulary, the child tag holding it (<c>Label</c>, <c>Choice</c>, <c>Relation</c>).</summary>
    public string? LabelTagName { get; }

    /// <summary>Attributes Label Studio's server schema requires, so that a wrong spelling of them is an error, not a warning.</summary>
    public IReadOnlyList<string> ServerCheckedAttributes { get; }

    /// <summary>True when the tag's children are free markup (HyperText, Style) and are not checked as config tags.</summary>
    public bool HasOpaqueContent { get; }

    /// <summary>True for tags that are both an object and a control (Chat, ReactCode).</summary>
    public bool IsSelfReferencing { get; }

    internal bool IsAllowedAncestor(string tagName)
    {
        if (RequiredAncestors is null)
        {
            return true;
        }

        // One or two names per tag: a scan beats building a set for each.
        foreach (var ancestor in RequiredAncestors)
        {
            if (string.Equals(ancestor, tagName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for controls that need at least one label (or dynamic labels) to be usable.</summary>
    public bool RequiresLabels { get; }
}
