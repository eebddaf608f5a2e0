using System.Buffers;
using System.Text;
using System.Xml;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// The fast reader: System.Xml's streaming reader feeds the model builder element by element, with no DOM (AngleSharp.Xml
/// spends most of a large config's parse time building one). It reads a config only where it is certain to give the
/// reference reader's (<see cref="AngleSharpConfigReader"/>) exact model and diagnostics, and declines otherwise
/// (returns false), so the caller parses again with the reference. Declined: NUL characters, malformed XML (the reference's messages
/// and positions are the ones we report), nesting past the depth cap, namespace prefixes and declarations (AngleSharp
/// orders xmlns attributes first), non-ASCII tag and attribute names, entity references it would leave unexpanded, character
/// references to characters XML forbids (the reader's raw mode does not check them), attribute values or text with
/// line breaks that cannot be told apart from <c>&amp;#13;</c>, and HyperText holding markup (its text is AngleSharp's
/// serialisation).
/// </summary>
/// <remarks>
/// How the two readers differ, and how this one makes up for it (each point has a differential test):
/// <list type="bullet">
/// <item>Positions: AngleSharp reports the <c>&lt;</c> of a start tag, <see cref="IXmlLineInfo"/> the name after it, so the column is one less.</item>
/// <item>Attribute values: AngleSharp keeps tabs and line breaks (line ends normalised to <c>\n</c>) and trims the value
/// with <see cref="string.Trim()"/>; XML attribute-value normalisation would turn them into spaces. The reader runs in raw
/// mode (<see cref="XmlTextReader.Normalization"/> off, which also leaves character-range checks to us) on text whose line
/// ends are normalised as AngleSharp normalises them, and the values are trimmed the same way.</item>
/// <item>Text: Header and Style keep their text content (text, CDATA and whitespace of all descendants); whitespace
/// nodes are read only inside them.</item>
/// </list>
/// </remarks>
internal static class FastConfigReader
{
    // Characters that raw mode lets through from character references but XML (and AngleSharp) forbids; surrogates are
    // checked for pairing when one is found.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF"
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    /// <summary>Reads the builder's text into it; false (the builder's state then undefined) when the reference must read it.</summary>
    public static bool TryRead(ConfigParser builder)
    {
        var text = builder.Text;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // System.Xml's reader takes a NUL after the root element for the end of the input; AngleSharp reports it.
            return false;
        }

        var maxDepth = Math.Max(1, builder.Options.MaxDepth);

        // Raw mode checks literal characters but not character references; without "&#" in the text there are none to check.
        var checkCharacters = text.Contains("&#", StringComparison.Ordinal);

        // AngleSharp turns \r\n and lone \r into \n before tokenising; after the same here, a \r in a value can only come
        // from &#13;, which both keep. Line and column numbers are unchanged: \r only ends lines.
        TextReader source = text.Contains('\r', StringComparison.Ordinal) ? new LineEndNormalizingReader(text) : new StringReader(text);
        using var reader = new XmlTextReader(source)
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            Normalization = false,
            EntityHandling = EntityHandling.ExpandEntities,
            WhitespaceHandling = WhitespaceHandling.None,
            Namespaces = true,
        };

        ConfigTag? captureTag = null;
        var captureDepth = -1;
        StringBuilder? captured = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Prefix.Length != 0 || reader.Depth + 1 > maxDepth || !IsAscii(reader.LocalName))
                        {
                            return false;
                        }

                        if (captureTag is not null && (captureTag.Spec is { Name: "HyperText" } || !builder.InOpaqueContent))
                        {
                            // Markup inside HyperText is kept as AngleSharp serialises it; an element with text inside Header: rare, left to the reference.
                            return false;
                        }

                        var line = reader.LineNumber;
                        var column = reader.LinePosition - 1;
                        var empty = reader.IsEmptyElement;
                        if (reader.MoveToFirstAttribute())
                        {
                            do
                            {
                                var name = reader.Name;
                                var value = reader.Value;
                                if (name.StartsWith("xmlns", StringComparison.OrdinalIgnoreCase) || !IsAscii(name) || (checkCharacters && !IsAllowed(value)))
                                {
                                    return false;
                                }

                                builder.AddAttribute(name, value.Trim());
                            }
                            while (reader.MoveToNextAttribute());

                            reader.MoveToElement();
                        }

                        var tag = builder.StartElement(reader.LocalName, line, column);
                        if (empty)
                        {
                            builder.EndElement();
                        }
                        else if (tag is not null && ConfigParser.KeepsText(tag))
                        {
                            if (captureTag is not null)
                            {
                                return false;
                            }

                            captureTag = tag;
                            captureDepth = reader.Depth;
                            captured ??= new StringBuilder();
                            captured.Clear();
                            reader.WhitespaceHandling = WhitespaceHandling.All;
                        }

                        break;
                    case XmlNodeType.EndElement:
                        if (captureTag is not null && reader.Depth == captureDepth)
                        {
                            if (captureTag.Spec is not { Name: "HyperText" })
                            {
                                captureTag.Text = captured!.ToString();
                            }

                            captureTag = null;
                            reader.WhitespaceHandling = WhitespaceHandling.None;
                        }

                        builder.EndElement();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        if (captureTag is null && !checkCharacters)
                        {
                            break;
                        }

                        var content = reader.Value;
                        if (checkCharacters && !IsAllowed(content))
                        {
                            return false;
                        }

                        if (captureTag is not null)
                        {
                            captured!.Append(content);
                        }

                        break;
                    case XmlNodeType.Comment:
                    case XmlNodeType.ProcessingInstruction:
                    case XmlNodeType.XmlDeclaration:
                        break;
                    default:
                        // Entity references left unexpanded, document types: not what the reference would make of them.
                        return false;
                }
            }
        }
        catch (XmlException)
        {
            return false;
        }

        return builder.HasRoot;
    }

    /// <summary>
    /// Names outside ASCII are declined: the two parsers' name-character tables need not agree, and AngleSharp picks out
    /// xmlns attributes with a culture-sensitive comparison, which ignores some characters that names may contain.
    /// </summary>
    private static bool IsAscii(string name) => !name.AsSpan().ContainsAnyExceptInRange('\u0000', '\u007F');

    /// <summary>False when a value holds a character XML forbids (reachable in raw mode through a character reference).</summary>
    private static bool IsAllowed(string value)
    {
        var span = value.AsSpan();
        int index;
        while ((index = span.IndexOfAny(Suspicious)) >= 0)
        {
            if (!char.IsHighSurrogate(span[index]) || index + 1 >= span.Length || !char.IsLowSurrogate(span[index + 1]))
            {
                return false;
            }

            span = span[(index + 2)..];
        }

        return true;
    }
}
