using LabelStudio.Config.Tags;

namespace LabelStudio.Config;

/// <summary>An object tag: shows task data (<c>&lt;Image name="image" value="$image"/&gt;</c>).</summary>
public sealed class ObjectTag : ConfigTag
{
    private readonly List<ControlTag> _controls = [];

    internal ObjectTag(string tagName, TagSpec? spec, ConfigTag? parent, int line, int column, KeyValuePair<string, string>[]? attributes)
        : base(tagName, spec, parent, line, column, attributes)
    {
        Value = GetAttribute("value");
        ValueList = GetAttribute("valueList");
        var expression = ValueList ?? Value;
        DataKey = expression is not null ? DataKeys.KeyOf(expression) : null;
    }

    /// <summary>The <c>value</c> attribute: <c>$key</c> for task data, or a constant.</summary>
    public string? Value { get; }

    /// <summary>The <c>valueList</c> attribute (multi-image), or null.</summary>
    public string? ValueList { get; }

    /// <summary>True when the object shows a list of items (<c>valueList</c>), as Image does for multi-page tasks.</summary>
    public bool IsList => ValueList is not null;

    /// <summary>The task-data key the object reads (<c>image</c> for <c>value="$image"</c>), or null for a constant value.</summary>
    public string? DataKey { get; }

    /// <summary>True when the value refers to task data (<c>$key</c>).</summary>
    public bool IsValueVariable => DataKey is not null;

    /// <summary>The <c>valueType</c> attribute (Text: text or url; TimeSeries: url or json), or null.</summary>
    public string? ValueType => GetAttribute("valueType");

    /// <summary>The controls whose <c>toName</c> names this object, in document order.</summary>
    public IReadOnlyList<ControlTag> Controls => _controls;

    internal void AddControl(ControlTag control) => _controls.Add(control);
}
