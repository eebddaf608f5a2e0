namespace LabelStudio.Config.Building;

/// <summary>One label or choice for <see cref="LabelConfigBuilder"/>, with nested choices for Taxonomy.</summary>
/// <param name="Value">The value results carry.</param>
/// <param name="Children">Nested choices (Taxonomy), or null.</param>
/// <param name="Background">A background colour for labels (<c>#ff0000</c>, <c>red</c>), or null.</param>
public sealed record LabelNode(string Value, IReadOnlyList<LabelNode>? Children = null, string? Background = null)
{
    /// <summary>A plain label with this value.</summary>
    public static implicit operator LabelNode(string value) => new(value);

    /// <summary>A plain label with this value.</summary>
    public static LabelNode FromString(string value) => new(value);
}
