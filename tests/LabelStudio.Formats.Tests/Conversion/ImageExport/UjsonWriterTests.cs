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
}
