using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelStudio.Formats.Validation;

// Resolves the data expressions of a config ($image, $doc.pages[0].url, $images[{{idx}}].url) against task.data.
internal static class DataPaths
{
    // Returns null when the expression resolves, else the path prefix where it stopped (e.g. "images[2].url").
    public static string? FindMissing(JsonObject data, string expression)
    {
        // Label Studio also accepts a literal top-level key with dots in it ("$a.b" on {"a.b": ...}).
        if (data.TryGetPropertyValue(expression, out var literal) && literal is not null)
        {
            return null;
        }

        return Walk(data, expression, 0, string.Empty);
    }

    private static string? Walk(JsonNode? node, string expression, int position, string resolved)
    {
        while (position < expression.Length)
        {
            if (expression[position] == '.')
            {
                position++;
                continue;
            }

            if (expression[position] == '[')
            {
                var close = expression.IndexOf(']', position);
                if (close < 0)
                {
                    return resolved;
                }

                var index = expression[(position + 1)..close];
                if (node is not JsonArray array)
                {
                    return resolved;
                }

                if (index.StartsWith("{{", StringComparison.Ordinal))
                {
                    // A Repeater placeholder: every item must resolve.
                    for (var i = 0; i < array.Count; i++)
                    {
                        var missing = Walk(array[i], expression, close + 1, Say($"{resolved}[{i}]"));
                        if (missing is not null)
                        {
                            return missing;
                        }
                    }

                    return null;
                }

                if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at >= array.Count || array[at] is null)
                {
                    return Say($"{resolved}[{index}]");
                }

                node = array[at];
                resolved = Say($"{resolved}[{index}]");
                position = close + 1;
                continue;
            }

            var end = position;
            while (end < expression.Length && expression[end] != '.' && expression[end] != '[')
            {
                end++;
            }

            var name = expression[position..end];
            resolved = resolved.Length == 0 ? name : resolved + "." + name;
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var child) || child is null)
            {
                return resolved;
            }

            node = child;
            position = end;
        }

        return null;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
