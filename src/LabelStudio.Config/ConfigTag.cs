using System.Globalization;
using System.Text;
using LabelStudio.Config.Parsing;
using LabelStudio.Config.Tags;

namespace LabelStudio.Config;

/// <summary>
/// One element of a parsed labeling config. Object, control and label tags are the subclasses
/// <see cref="ObjectTag"/>, <see cref="ControlTag"/> and <see cref="LabelTag"/>; layout tags are plain <see cref="ConfigTag"/>s.
/// Instances are immutable once parsing is done and safe to share across threads.
/// </summary>
public class ConfigTag
{
    private readonly KeyValuePair<string, string>[] _attributes;
    private AttributeMap? _attributesView;
    private ConfigTag[]? _children;
    private IReadOnlyList<ConfigTag>? _childrenView;
    private int _childCount;
    private string? _path;

    internal ConfigTag(string tagName, TagSpec? spec, ConfigTag? parent, int line, int column, KeyValuePair<string, string>[]? attributes)
    {
        TagName = spec?.Name ?? tagName;
        WrittenName = tagName;
        Spec = spec;
        Parent = parent;
        Line = line;
        Column = column;
        _attributes = attributes ?? [];
        Name = GetAttribute("name");
    }

    /// <summary>The canonical tag name (<c>Choices</c> even when written <c>choices</c>); the written name for unknown tags.</summary>
    public string TagName { get; }

    /// <summary>The tag name exactly as written in the config.</summary>
    public string WrittenName { get; }

    /// <summary>The catalog entry, or null for a tag the catalog does not know.</summary>
    public TagSpec? Spec { get; }

    /// <summary>Object, control, label, visual or unknown.</summary>
    public TagCategory Category => Spec?.Category ?? TagCategory.Unknown;

    /// <summary>The <c>name</c> attribute, or null.</summary>
    public string? Name { get; }

    /// <summary>1-based line of the element's start tag.</summary>
    public int Line { get; }

    /// <summary>1-based column of the element's start tag.</summary>
    public int Column { get; }

    /// <summary>The enclosing element, or null for the root.</summary>
    public ConfigTag? Parent { get; }

    /// <summary>Child elements in document order.</summary>
    public IReadOnlyList<ConfigTag> Children => _children is null ? [] : _childrenView ??= Array.AsReadOnly(_children);

    /// <summary>
    /// All attributes, keyed by their canonical spelling for known attributes (<c>toName</c> even when written
    /// <c>toname</c>) and as written otherwise; lookups ignore case. Unknown attributes are kept.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributesView ??= new AttributeMap(_attributes);

    /// <summary>The text content of the element (Header text, Style CSS), or empty.</summary>
    public string Text { get; internal set; } = string.Empty;

    /// <summary>The nearest enclosing <c>Repeater</c>, or null.</summary>
    public ConfigTag? Repeater { get; internal set; }

    /// <summary>Element path such as <c>/View/Choices[@name='c']/Choice[2]</c>.</summary>
    public string Path => _path ??= BuildPath();

    internal int SiblingIndex { get; set; }

    /// <summary>The value of an attribute (name matched ignoring case), or null when absent.</summary>
    public string? GetAttribute(string attributeName)
    {
        ArgumentNullException.ThrowIfNull(attributeName);
        return AttributeMap.Find(_attributes, attributeName);
    }

    /// <summary>True when the attribute is present.</summary>
    public bool HasAttribute(string attributeName) => GetAttribute(attributeName) is not null;

    /// <summary>A boolean attribute (<c>true</c>/<c>false</c>, any case); <paramref name="defaultValue"/> when absent or not a boolean.</summary>
    public bool GetBoolean(string attributeName, bool defaultValue = false)
    {
        var value = GetAttribute(attributeName);
        return value is not null && bool.TryParse(value.AsSpan().Trim(), out var result) ? result : defaultValue;
    }

    /// <summary>A numeric attribute in invariant culture; null when absent or not a number.</summary>
    public double? GetNumber(string attributeName)
    {
        var value = GetAttribute(attributeName);
        return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : null;
    }

    /// <summary>A whole-number attribute; null when absent or not an integer.</summary>
    public int? GetInteger(string attributeName)
    {
        var value = GetAttribute(attributeName);
        return value is not null && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : null;
    }

    /// <summary>This tag and every descendant, in document order.</summary>
    public IEnumerable<ConfigTag> DescendantsAndSelf()
    {
        var stack = new Stack<ConfigTag>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var tag = stack.Pop();
            yield return tag;
            if (tag._children is { } children)
            {
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }
    }

    /// <summary>The nearest ancestor with one of the given tag names (ignoring case), or null.</summary>
    public ConfigTag? FindAncestor(params ReadOnlySpan<string> tagNames)
    {
        for (var tag = Parent; tag is not null; tag = tag.Parent)
        {
            foreach (var name in tagNames)
            {
                if (string.Equals(tag.TagName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return tag;
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Name is null
        ? string.Create(CultureInfo.InvariantCulture, $"<{TagName}> at line {Line}")
        : string.Create(CultureInfo.InvariantCulture, $"<{TagName} name=\"{Name}\"> at line {Line}");

    /// <summary>Counts a child during parsing; <see cref="PlaceChild"/> fills the exactly sized array afterwards.</summary>
    internal void CountChild() => _childCount++;

    /// <summary>
    /// Stores the next child in document order. Arrays sized exactly once the count is known stay off the large-object
    /// heap up to 10,000 children, where a doubling list would reach 16,384 slots (131 KB) and trigger gen-2 collections.
    /// </summary>
    internal void PlaceChild(ConfigTag child)
    {
        // _childCount counts down as the slots fill. Children is a read-only view, created when first read (a
        // harmless race: two threads may each create an equal view), so a shared config cannot be changed through a cast.
        _children ??= new ConfigTag[_childCount];
        _children[_children.Length - _childCount--] = child;
    }

    private string BuildPath()
    {
        var segments = new List<ConfigTag>();
        for (var tag = this; tag is not null; tag = tag.Parent)
        {
            segments.Add(tag);
        }

        var builder = new StringBuilder();
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var tag = segments[i];
            builder.Append('/').Append(tag.WrittenName);
            if (tag.Name is not null)
            {
                builder.Append("[@name='").Append(tag.Name).Append("']");
            }
            else if (tag.SiblingIndex > 1)
            {
                builder.Append('[').Append(tag.SiblingIndex.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return builder.ToString();
    }
}
