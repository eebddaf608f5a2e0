namespace LabelStudio.Config.Tags;

/// <summary>One attribute a tag accepts: its canonical spelling, its type and its allowed values or range.</summary>
public sealed class AttributeSpec
{
    internal AttributeSpec(string name, AttributeKind kind, IReadOnlyList<string>? values = null, double? minimum = null, double? maximum = null)
    {
        Name = name;
        Kind = kind;
        AllowedValues = values ?? [];
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The canonical spelling, as Label Studio's documentation writes it (for example <c>toName</c>).</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public AttributeKind Kind { get; }

    /// <summary>For <see cref="AttributeKind.Enum"/>, the accepted values (case-sensitive, as the editor checks them).</summary>
    public IReadOnlyList<string> AllowedValues { get; }

    /// <summary>The smallest accepted number, if bounded.</summary>
    public double? Minimum { get; }

    /// <summary>The largest accepted number, if bounded.</summary>
    public double? Maximum { get; }
}
