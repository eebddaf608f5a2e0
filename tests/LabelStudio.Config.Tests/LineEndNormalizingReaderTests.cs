using System.Text;
using LabelStudio.Config.Parsing;

namespace LabelStudio.Config.Tests;

/// <summary>The fast reader's input: line ends normalised as AngleSharp.Xml normalises them, in any read pattern.</summary>
public class LineEndNormalizingReaderTests
{
    // Expected: every "\r\n" and every lone "\r" becomes one "\n"; nothing else changes.
    [TestCase("", "")]
    [TestCase("plain", "plain")]
    [TestCase("a\r\nb", "a\nb")]
    [TestCase("a\rb", "a\nb")]
    [TestCase("\r\r\n\n\r", "\n\n\n\n")]
    [TestCase("end\r", "end\n")]
    [TestCase("<View>\r\n  <Text name=\"t\"\r\n value=\"$t\"/>\r\n</View>\r\n", "<View>\n  <Text name=\"t\"\n value=\"$t\"/>\n</View>\n")]
    public void Read_AnyBufferSize_NormalisesLineEnds(string input, string expected)
    {
        // Buffer sizes 1-4 put a "\r\n" across a buffer boundary somewhere in every case.
        for (var size = 1; size <= 4; size++)
        {
            using var reader = new LineEndNormalizingReader(input);
            var output = new StringBuilder();
            var buffer = new char[size];
            int read;
            while ((read = reader.Read(buffer, 0, size)) > 0)
            {
                output.Append(buffer, 0, read);
            }

            output.ToString().Should().Be(expected, $"read {size} characters at a time");
        }

        using var byCharacter = new LineEndNormalizingReader(input);
        var characters = new StringBuilder();
        while (byCharacter.Peek() >= 0)
        {
            var peeked = byCharacter.Peek();
            var c = byCharacter.Read();
            c.Should().Be(peeked, "Peek shows the character Read returns");
            characters.Append((char)c);
        }

        characters.ToString().Should().Be(expected);
        byCharacter.Read().Should().Be(-1);
    }
}
