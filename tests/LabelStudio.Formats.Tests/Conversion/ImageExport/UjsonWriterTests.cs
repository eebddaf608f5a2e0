using System.Text;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

public sealed class UjsonWriterTests
{
    // ujson.dumps({"a": 1, "b": [1.5, {"c": "x/y"}], "d": {}}, indent=2) as the official converter writes it.
    private const string Expected = "{\n  \"a\": 1,\n  \"b\": [\n    1.5,\n    {\n      \"c\": \"x\\/y\"\n    }\n  ],\n  \"d\": {}\n}";

    [Test]
    public void Name_Utf8Name_LaysOutAsUjson()
    {
        var writer = new UjsonWriter(new Utf8Buffer(4));
        writer.StartObject();
        writer.Property("a"u8, 1);
        writer.Name("b"u8);
        writer.StartArray();
        writer.Float(1.5);
        writer.StartObject();
        writer.Property("c"u8, "x/y");
        writer.EndObject();
        writer.EndArray();
        writer.Name("d"u8);
        writer.StartObject();
        writer.EndObject();
        writer.EndObject();
        Encoding.UTF8.GetString(writer.Output.WrittenSpan).Should().Be(Expected);
    }

    // ujson 5 (double-conversion) leaves the exponent unpadded where Python's repr pads it: the official COCO output of
    // a box at x = 0.000001 % of 1920 px has "bbox": [1.92e-5, ...] (checked with the converter in session 9).
    [TestCase(1.92e-5, "1.92e-5")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(1e16, "1e+16")]
    [TestCase(108d, "108.0")]
    public void Float_Value_UjsonText(double value, string expected)
    {
        var writer = new UjsonWriter(new Utf8Buffer(4));
        writer.StartArray();
        writer.Float(value);
        writer.EndArray();
        Encoding.UTF8.GetString(writer.Output.WrittenSpan).Should().Be("[\n  " + expected + "\n]");
    }

    [Test]
    public void Name_Utf8AndStringNames_WriteTheSameBytes()
    {
        var bytes = new UjsonWriter(new Utf8Buffer(4), baseDepth: 1);
        var text = new UjsonWriter(new Utf8Buffer(4), baseDepth: 1);
        bytes.BeginSplicedArray();
        text.BeginSplicedArray();
        for (var i = 0; i < 3; i++)
        {
            bytes.StartObject();
            bytes.Property("id"u8, i);
            bytes.Property("area"u8, i * 0.5);
            bytes.Property("file_name"u8, "images/1.jpg");
            bytes.EndObject();
            text.StartObject();
            text.Property("id", i);
            text.Property("area", i * 0.5);
            text.Property("file_name", "images/1.jpg");
            text.EndObject();
        }

        Encoding.UTF8.GetString(bytes.Output.WrittenSpan).Should().Be(Encoding.UTF8.GetString(text.Output.WrittenSpan));
    }

    // ujson escapes the quote, the backslash, the slash and control characters (\n \r \t \b \f by name, the
    // others as \u00XX in lower case) and keeps every other character as UTF-8.
    [TestCase("images/1.jpg", "\"images\\/1.jpg\"")]
    [TestCase("/data/upload/7/a b.jpg", "\"\\/data\\/upload\\/7\\/a b.jpg\"")]
    [TestCase("q\"b\\s", "\"q\\\"b\\\\s\"")]
    [TestCase("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [TestCase("\u0001\u001f\u000b", "\"\\u0001\\u001f\\u000b\"")]
    [TestCase("", "\"\"")]
    [TestCase("//", "\"\\/\\/\"")]
    [TestCase("caf\u00e9/\u6771\u4eac", "\"caf\u00e9\\/\u6771\u4eac\"")]
    [TestCase("\ud83d\ude00/x", "\"\ud83d\ude00\\/x\"")]
    public void WriteQuoted_Text_EscapesAsUjson(string value, string expected)
    {
        var buffer = new Utf8Buffer(1);
        UjsonWriter.WriteQuoted(buffer, value);
        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(expected);
    }

    [Test]
    public void WriteQuoted_LoneSurrogateBeforeEscape_WritesReplacementCharacter()
    {
        // A lone surrogate has no UTF-8 form: the encoder writes U+FFFD (EF BF BD), as for the whole string at once.
        var buffer = new Utf8Buffer(1);
        UjsonWriter.WriteQuoted(buffer, "a\ud800/b");
        buffer.WrittenSpan.ToArray().Should().Equal([(byte)'"', (byte)'a', 0xEF, 0xBF, 0xBD, (byte)'\\', (byte)'/', (byte)'b', (byte)'"']);
    }

    [Test]
    public void WriteQuoted_LongTextWithManyEscapes_GrowsTheBuffer()
    {
        var value = string.Concat(Enumerable.Repeat("\u00e9/\u0002", 5000));
        var buffer = new Utf8Buffer(1);
        UjsonWriter.WriteQuoted(buffer, value);
        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("\"" + string.Concat(Enumerable.Repeat("\u00e9\\/\\u0002", 5000)) + "\"");
    }
}
