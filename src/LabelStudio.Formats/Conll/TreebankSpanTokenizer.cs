using System.Text.RegularExpressions;

namespace LabelStudio.Formats.Conll;

/// <summary>
/// The Penn Treebank word tokenizer with the official converter's own punctuation rules, returning each token's
/// span in the original text (as NLTK's <c>span_tokenize</c>): the token list is computed by the rewrite rules and
/// then aligned back onto the text.
/// </summary>
internal static partial class TreebankSpanTokenizer
{
    private static readonly (Regex Pattern, string Replacement)[] StartingQuotes =
    [
        (new Regex("^\"", RegexOptions.CultureInvariant), "``"),
        (new Regex("(``)", RegexOptions.CultureInvariant), " $1 "),
        (new Regex("([ \\(\\[{<])(\"|'{2})", RegexOptions.CultureInvariant), "$1 `` "),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Punctuation =
    [
        (new Regex("([:,])([^\\d])", RegexOptions.CultureInvariant), " $1 $2"),
        (new Regex("([:,])$", RegexOptions.CultureInvariant), " $1 "),
        (new Regex("\\.\\.\\.", RegexOptions.CultureInvariant), " ... "),
        (new Regex("[;@#$/%&]", RegexOptions.CultureInvariant), " $0 "),
        (new Regex("([^\\.])(\\.)([\\]\\)}>\"']*)\\s*$", RegexOptions.CultureInvariant), "$1 $2$3 "),
        (new Regex("[?!]", RegexOptions.CultureInvariant), " $0 "),
        (new Regex("([^'])' ", RegexOptions.CultureInvariant), "$1 ' "),
        (new Regex("[\\]\\[\\(\\)\\{\\}\\<\\>]", RegexOptions.CultureInvariant), " $0 "),
        (new Regex("--", RegexOptions.CultureInvariant), " -- "),
    ];

    private static readonly (Regex Pattern, string Replacement)[] EndingQuotes =
    [
        (new Regex("''", RegexOptions.CultureInvariant), " '' "),
        (new Regex("\"", RegexOptions.CultureInvariant), " '' "),
        (new Regex("([^' ])('[sS]|'[mM]|'[dD]|') ", RegexOptions.CultureInvariant), "$1 $2 "),
        (new Regex("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", RegexOptions.CultureInvariant), "$1 $2 "),
    ];

    private static readonly Regex[] Contractions =
    [
        new("(?i)\\b(can)(not)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(d)('ye)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(gim)(me)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(gon)(na)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(got)(ta)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(lem)(me)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(more)('n)\\b", RegexOptions.CultureInvariant),
        new("(?i)\\b(wan)(na)(?=\\s)", RegexOptions.CultureInvariant),
        new("(?i) ('t)(is)\\b", RegexOptions.CultureInvariant),
        new("(?i) ('t)(was)\\b", RegexOptions.CultureInvariant),
    ];

    public static List<(int Start, int End)> SpanTokenize(string text)
    {
        var tokens = Tokenize(text);
        if (text.Contains('"', StringComparison.Ordinal) || text.Contains("''", StringComparison.Ordinal))
        {
            // The rewrite turns quotes into `` and ''; put back the quotes the text really has, in order.
            var matched = QuoteRegex().Matches(text).Select(m => m.Value).ToList();
            var next = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] is "\"" or "``" or "''" && next < matched.Count)
                {
                    tokens[i] = matched[next++];
                }
            }
        }

        var spans = new List<(int, int)>(tokens.Count);
        var point = 0;
        foreach (var token in tokens)
        {
            var start = text.IndexOf(token, point, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException($"Token '{token}' not found in the text after offset {point}.");
            }

            point = start + token.Length;
            spans.Add((start, point));
        }

        return spans;
    }

    private static List<string> Tokenize(string text)
    {
        foreach (var (pattern, replacement) in StartingQuotes)
        {
            text = pattern.Replace(text, replacement);
        }

        foreach (var (pattern, replacement) in Punctuation)
        {
            text = pattern.Replace(text, replacement);
        }

        text = " " + text + " ";
        foreach (var (pattern, replacement) in EndingQuotes)
        {
            text = pattern.Replace(text, replacement);
        }

        foreach (var pattern in Contractions)
        {
            text = pattern.Replace(text, " $1 $2 ");
        }

        return [.. text.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries)];
    }

    [GeneratedRegex("``|'{2}|\"", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteRegex();
}
