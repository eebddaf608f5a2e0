namespace LabelStudio.Config.Tags;

/// <summary>The type of an attribute value, as the Label Studio editor checks it.</summary>
// Member names are Label Studio's own terms (object tag, string attribute), not CLR type names.
#pragma warning disable CA1720
public enum AttributeKind
{
    /// <summary>Any text.</summary>
    String = 0,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A decimal number (invariant culture).</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>One of a fixed set of values.</summary>
    Enum,
}
#pragma warning restore CA1720
