namespace LabelStudio.Config.Parsing;

/// <summary>
/// Looks for a DOCTYPE before the XML parser sees the text: AngleSharp.Xml always processes internal DTDs and
/// expands their entities, so a DTD must never reach it.
/// </summary>
internal static class Prescan
{
    /// <summary>The index of a <c>&lt;!DOCTYPE</c> outside comments and CDATA sections, or -1.</summary>
    public static int FindDoctype(string text)
    {
        var index = 0;
        while (true)
        {
            var open = text.IndexOf("<!", index, StringComparison.Ordinal);
            if (open < 0)
            {
                return -1;
            }

            var rest = text.AsSpan(open);
            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
                if (end < 0)
                {
                    return -1;
                }

                index = end + 3;
            }
            else if (rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                var end = text.IndexOf("]]>", open + 9, StringComparison.Ordinal);
                if (end < 0)
                {
                    return -1;
                }

                index = end + 3;
            }
            else if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("<!ENTITY", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("<!ELEMENT", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("<!ATTLIST", StringComparison.OrdinalIgnoreCase))
            {
                return open;
            }
            else
            {
                index = open + 2;
            }
        }
    }

    /// <summary>1-based line and column of a character index.</summary>
    public static (int Line, int Column) PositionOf(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
