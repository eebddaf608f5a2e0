namespace LabelStudio.Client.DataManager;

/// <summary>A Data Manager filter operator, as the server names it.</summary>
public readonly record struct FilterOperator(string Value)
{
    /// <summary>equal</summary>
    public static FilterOperator Equal { get; } = new("equal");

    /// <summary>not_equal</summary>
    public static FilterOperator NotEqual { get; } = new("not_equal");

    /// <summary>less</summary>
    public static FilterOperator Less { get; } = new("less");

    /// <summary>greater</summary>
    public static FilterOperator Greater { get; } = new("greater");

    /// <summary>less_or_equal</summary>
    public static FilterOperator LessOrEqual { get; } = new("less_or_equal");

    /// <summary>greater_or_equal</summary>
    public static FilterOperator GreaterOrEqual { get; } = new("greater_or_equal");

    /// <summary>contains</summary>
    public static FilterOperator Contains { get; } = new("contains");

    /// <summary>not_contains</summary>
    public static FilterOperator NotContains { get; } = new("not_contains");

    /// <summary>regex</summary>
    public static FilterOperator Regex { get; } = new("regex");

    /// <summary>in (range)</summary>
    public static FilterOperator In { get; } = new("in");

    /// <summary>not_in (range)</summary>
    public static FilterOperator NotIn { get; } = new("not_in");

    /// <summary>empty</summary>
    public static FilterOperator Empty { get; } = new("empty");

    /// <inheritdoc/>
    public override string ToString() => Value;
}
