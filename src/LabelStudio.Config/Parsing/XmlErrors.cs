namespace LabelStudio.Config.Parsing;

/// <summary>
/// Our own messages for AngleSharp.Xml's syntax errors, which carry a position but a generic text. The codes are
/// AngleSharp.Xml's (its error enum is internal, so they are repeated here).
/// </summary>
internal static class XmlErrors
{
    public const int EndOfFile = 0;
    public const int UndefinedMarkupDeclaration = 30;
    public const int CharacterReferenceInvalidNumber = 56;
    public const int CharacterReferenceInvalidCode = 57;
    public const int CharacterReferenceNotTerminated = 58;
    public const int TagClosingMismatch = 118;
    public const int MissingRoot = 512;
    public const int DeclarationInvalid = 514;
    public const int DeclarationMisplaced = 515;
    public const int DeclarationVersionUnsupported = 516;
    public const int InvalidStartTag = 517;
    public const int InvalidEndTag = 518;
    public const int LessThanInAttributeValue = 519;
    public const int DuplicateAttribute = 520;
    public const int InvalidProcessingInstruction = 521;
    public const int InvalidCharData = 529;
    public const int InvalidName = 530;
    public const int InvalidAttribute = 532;
    public const int InvalidComment = 533;
    public const int EntityExpansionLimitExceeded = 787;
    public const int MaximumDepthExceeded = 788;

    public static (string Message, string? Hint) Describe(int code, string text, int index)
    {
        var found = Snippet(text, index);
        return code switch
        {
            EndOfFile => ("the config ends before every element is closed" + found, "close each start tag, or write empty elements as <Tag ... />"),
            TagClosingMismatch => ("end tag does not match the element that is open" + found, "an element before it is not closed; write empty elements as <Tag ... />"),
            MissingRoot when HasElementBefore(text, index) => ("content after the root element" + found, "a config has exactly one root element, normally <View>; wrap everything in it"),
            MissingRoot => ("the config has no root element; it is not XML" + found, "a labeling config is XML such as <View>...</View>"),
            InvalidStartTag or InvalidAttribute => ("invalid start tag" + found, "attribute values must be in quotes: name=\"value\""),
            InvalidEndTag => ("invalid end tag" + found, null),
            LessThanInAttributeValue => ("'<' inside an attribute value" + found, "write &lt; instead of <"),
            DuplicateAttribute => ("the same attribute is written twice on one element" + found, null),
            CharacterReferenceNotTerminated or CharacterReferenceInvalidCode or CharacterReferenceInvalidNumber
                => ("invalid character or entity reference" + found, "write a literal & as &amp;"),
            InvalidCharData => ("text outside the root element, or a second root element" + found, "a config has exactly one root element, normally <View>"),
            InvalidName => ("invalid tag or attribute name" + found, null),
            InvalidComment => ("invalid comment (a comment may not contain --)" + found, null),
            DeclarationInvalid or DeclarationMisplaced or DeclarationVersionUnsupported
                => ("invalid or misplaced XML declaration" + found, "<?xml ...?> may only appear at the very start"),
            InvalidProcessingInstruction => ("invalid processing instruction" + found, null),
            UndefinedMarkupDeclaration => ("unexpected markup declaration" + found, null),
            EntityExpansionLimitExceeded => ("entity expansion exceeds the limit" + found, "remove entity declarations"),
            _ => ("the config is not well-formed XML" + found, null),
        };
    }

    private static bool HasElementBefore(string text, int index) =>
        index > 0 && text.AsSpan(0, Math.Min(index, text.Length)).Contains('<');

    private static string Snippet(string text, int index)
    {
        if (index < 0 || index >= text.Length)
        {
            return " (at the end of the input)";
        }

        var end = Math.Min(text.Length, index + 20);
        var newline = text.IndexOf('\n', index, end - index);
        if (newline >= 0)
        {
            end = newline;
        }

        var snippet = text[index..end].TrimEnd('\r');
        return snippet.Length == 0 ? " (at the end of a line)" : $" (at '{snippet}')";
    }
}
