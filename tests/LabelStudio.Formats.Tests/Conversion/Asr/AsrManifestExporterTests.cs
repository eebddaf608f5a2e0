using LabelStudio.Formats.Asr;

namespace LabelStudio.Formats.Tests.Conversion.Asr;

/// <summary>
/// <see cref="AsrManifestExporter"/>'s manifest strings: audio.py writes each line with the standard library's
/// <c>json.dump</c> (ensure_ascii=True), whose rule is: escape <c>"</c> and <c>\</c>, the short escapes for
/// \n \r \t \b \f, and every other character outside space..tilde as \uxxxx (lower-case hex, UTF-16 units).
/// </summary>
public class AsrManifestExporterTests
{
    [TestCase("hello world", "\"hello world\"")]
    [TestCase("é", "\"\\u00e9\"")]
    [TestCase("<+'&/", "\"<+'&/\"")]
    [TestCase("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [TestCase("l1\nl2\r\t\b\f", "\"l1\\nl2\\r\\t\\b\\f\"")]
    [TestCase("\u0001\u007f", "\"\\u0001\\u007f\"")]
    [TestCase("😀", "\"\\ud83d\\ude00\"")]
    public void Quote_Text_AsPythonJsonDumps(string text, string expected) =>
        AsrManifestExporter.Quote(text).Should().Be(expected);
}
