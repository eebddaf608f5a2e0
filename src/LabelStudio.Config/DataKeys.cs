namespace LabelStudio.Config;

/// <summary>Reads <c>$key</c> expressions.</summary>
internal static class DataKeys
{
    /// <summary>The top-level key of <c>$key</c>, <c>$key.field</c> or <c>$key[{{idx}}]...</c>; null when not a variable.</summary>
    public static string? KeyOf(string expression)
    {
        if (expression.Length < 2 || expression[0] != '$')
        {
            return null;
        }

        var end = 1;
        while (end < expression.Length && expression[end] != '.' && expression[end] != '[' && !char.IsWhiteSpace(expression[end]))
        {
            end++;
        }

        return end > 1 ? expression[1..end] : null;
    }
}
