using LabelStudio.Formats.Conll;

namespace LabelStudio.Formats.Tests.Conversion;

public class TreebankSpanTokenizerTests
{
    // Expected tokens follow the Treebank rules as the official converter configures them (formats.md §5.5):
    // contractions split off, ':'/',' split unless a digit follows, '$' and '/' split, a final period split.
    [TestCase("I can't go.", new[] { "I", "ca", "n't", "go", "." })]
    [TestCase("It costs $5,000/year", new[] { "It", "costs", "$", "5,000", "/", "year" })]
    [TestCase("He said \"hi\" there", new[] { "He", "said", "\"", "hi", "\"", "there" })]
    [TestCase("  lead and trail  ", new[] { "lead", "and", "trail" })]
    [TestCase("", new string[0])]
    public void SpanTokenize_Text_GivesTokensAsSpansOfTheOriginal(string text, string[] expected)
    {
        var spans = TreebankSpanTokenizer.SpanTokenize(text);

        spans.Select(s => text[s.Start..s.End]).Should().Equal(expected);
    }
}
