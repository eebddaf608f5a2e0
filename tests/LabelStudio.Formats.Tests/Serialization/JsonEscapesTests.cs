using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>The unpaired-surrogate search over (valid) JSON text; the expected offsets are counted in the inputs.</summary>
public class JsonEscapesTests
{
    [TestCase("""{"a":"plain"}""", -1)]
    [TestCase("""{"a":"\u00e9\n\\"}""", -1)]
    [TestCase("""{"a":"\ud83d\ude00"}""", -1)]
    [TestCase("""{"a":"\uD83D\uDE00"}""", -1)]
    [TestCase("""{"a":"\\ud800"}""", -1)]
    [TestCase("""{"a":"\ud800"}""", 6)]
    [TestCase("""{"a":"\udc00"}""", 6)]
    [TestCase("""{"a":"x\ud800\u0041"}""", 7)]
    [TestCase("""{"a":"\ud83d\ude00\ud83d"}""", 18)]
    [TestCase("""{"a":"\\\ud800"}""", 8)]
    [TestCase("""{"\udbff":1}""", 2)]
    public void FindUnpairedSurrogate_Input_GivesTheOffsetOfTheEscape(string json, int expected) =>
        JsonEscapes.FindUnpairedSurrogate(Encoding.UTF8.GetBytes(json)).Should().Be(expected);

    [TestCase("""\u0041""", 6)]
    [TestCase("""\ud83d\ude00""", 12)]
    [TestCase("""\ud83d""", 0)]
    [TestCase("""\ude00""", 0)]
    [TestCase("""\ud83d\u0041""", 0)]
    [TestCase("""\u00G0""", 0)]
    [TestCase("""\u00""", 0)]
    public void UnicodeEscapeLength_EscapeAtZero_GivesItsLength(string text, int expected) =>
        JsonEscapes.UnicodeEscapeLength(Encoding.UTF8.GetBytes(text), 0).Should().Be(expected);
}
