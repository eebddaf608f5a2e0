using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Csv;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion.Csv;

// Differential tests: the reference is the general path the CSV exporter used for every region before (the value
// converters through a Utf8JsonWriter with the relaxed encoder, the original size appended, then CSV quoting with
// every " doubled), which the CSV fixture tests check against the official converter's files.
public sealed class CsvRegionWriterTests
{
    private const int Seed = 20261128;

    private static readonly string[] Labels = ["Car", "Traffic Light", "a \"quoted\" label", "back\\slash", "tab\tnew\nline", "ctrl\u0001", "Straße", "日本語", "emoji 😀", "</script>", "+&'<>", "\u2028\u2029", ""];

    public static IEnumerable<TestCaseData> Regions()
    {
        string[] cases =
        [
            """{"type":"rectanglelabels","original_width":1920,"original_height":1080,"value":{"x":26.827389647638,"y":69.333908292155,"width":21.686214001709,"height":3.682320842778,"rotation":268.9206,"rectanglelabels":["Bicycle"]}}""",
            """{"type":"rectanglelabels","value":{"x":0,"y":-0.0,"width":100,"height":1e-7,"rectanglelabels":["Car","Truck"]}}""",
            """{"type":"rectanglelabels","original_width":640,"value":{"x":1,"y":2,"width":3,"height":4,"rotation":null,"rectanglelabels":null}}""",
            """{"type":"rectanglelabels","original_height":480,"value":{"x":1.5,"y":2.5,"width":3.5,"height":4.5,"rectanglelabels":[]}}""",
            """{"type":"polygonlabels","original_width":1,"original_height":1,"value":{"points":[[1.5,2.25],[3,4e-5],[99.99999999999999,0.1]],"closed":true,"polygonlabels":["Road"]}}""",
            """{"type":"polygonlabels","value":{"points":[],"closed":null,"polygonlabels":["Sidewalk"]}}""",
            """{"type":"polygonlabels","value":{"points":[[0,0]],"closed":false}}""",
            """{"type":"polygonlabels","value":{"polygonlabels":null}}""",
            """{"type":"keypointlabels","original_width":1920,"original_height":1080,"value":{"x":50,"y":50,"width":0.34,"keypointlabels":["Head"]}}""",
            """{"type":"keypointlabels","value":{"x":12.5,"y":7,"width":null,"keypointlabels":null}}""",
            """{"type":"keypointlabels","value":{"x":12.5,"y":7}}""",
            // Either side of where the writer's text takes an exponent (decimal exponent < -4 or >= 17).
            """{"type":"rectanglelabels","value":{"x":0.0001,"y":9.999999999999999e-5,"width":1e17,"height":9.999999999999998e16,"rectanglelabels":["Car"]}}""",
            """{"type":"keypointlabels","value":{"x":-0.0001,"y":-9.999999999999999e-5,"width":-1e17,"keypointlabels":["Head"]}}""",
            """{"original_width":-5,"original_height":0}""",
            """{}""",
        ];
        foreach (var json in cases)
        {
            yield return new TestCaseData(json).SetArgDisplayNames(json.Length > 60 ? json[..60] : json);
        }
    }

    [TestCaseSource(nameof(Regions))]
    public void Write_Region_MatchesTheGeneralPath(string json)
    {
        List<Result> results = [LabelStudioJson.DeserializeResult(Encoding.UTF8.GetBytes(json))];
        CsvRegionWriter.CanWrite(results).Should().BeTrue();
        Render(new CsvRegionWriter(), results).Should().Be(Reference(results));
    }

    [Test]
    public void Write_HostileLabels_MatchTheGeneralPath()
    {
        var writer = new CsvRegionWriter();
        foreach (var label in Labels)
        {
            var results = new List<Result>
            {
                new() { Value = new RectangleValue { X = 1, Y = 2, Width = 3, Height = 4, RectangleLabels = [label, label] }, OriginalWidth = 10 },
                new() { Value = new PolygonValue { Points = [new PercentPoint(1, 2)], PolygonLabels = [label] } },
                new() { Value = new KeyPointValue { X = 5, Y = 6, KeyPointLabels = [label] }, OriginalHeight = 20 },
            };

            // Twice: the second time the escaped label comes from the cache.
            Render(writer, results).Should().Be(Reference(results), label);
            Render(writer, results).Should().Be(Reference(results), label);
        }
    }

    [Test]
    public void Write_RandomRegions_MatchTheGeneralPath()
    {
        var random = new Random(Seed);
        var writer = new CsvRegionWriter();
        for (var round = 0; round < 2000; round++)
        {
            var results = new List<Result>();
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                results.Add(RandomResult(random));
            }

            CsvRegionWriter.CanWrite(results).Should().BeTrue();
            Render(writer, results).Should().Be(Reference(results));
        }
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void CanWrite_NonFiniteNumber_LeavesItToTheGeneralPath(double value)
    {
        CsvRegionWriter.CanWrite([new Result { Value = new RectangleValue { X = value } }]).Should().BeFalse();
        CsvRegionWriter.CanWrite([new Result { Value = new RectangleValue { Rotation = value } }]).Should().BeFalse();
        CsvRegionWriter.CanWrite([new Result { Value = new PolygonValue { Points = [new PercentPoint(1, value)] } }]).Should().BeFalse();
        CsvRegionWriter.CanWrite([new Result { Value = new KeyPointValue { Width = value } }]).Should().BeFalse();
    }

    [Test]
    public void Write_NullLabel_MatchesTheGeneralPath()
    {
        var results = new List<Result> { new() { Value = new RectangleValue { X = 1, Y = 2, Width = 3, Height = 4, RectangleLabels = ["a", null!, "a"] } } };

        Render(new CsvRegionWriter(), results).Should().Be(Reference(results));
    }

    [Test]
    public void TryWrite_RegionLeftToTheGeneralPathAfterWritableOnes_ReturnsFalse()
    {
        var field = new Utf8Buffer(16);

        var written = new CsvRegionWriter().TryWrite(field, [new Result { Value = new RectangleValue { X = 1 } }, new Result { Value = new RectangleValue { Y = double.NaN } }]);

        written.Should().BeFalse("the caller then writes the field from where the general path starts");
    }

    [Test]
    public void CanWrite_UnknownMembersOrOtherValueTypes_LeavesThemToTheGeneralPath()
    {
        var withExtra = LabelStudioJson.DeserializeResult("""{"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"score":0.5}}"""u8);
        withExtra.Value.Should().BeOfType<RectangleValue>();
        CsvRegionWriter.CanWrite([withExtra]).Should().BeFalse();
        CsvRegionWriter.CanWrite([new Result { Value = new ChoicesValue { Choices = ["a"] } }]).Should().BeFalse();
        CsvRegionWriter.CanWrite([new Result { Value = new RectangleValue() }, new Result { Value = new TextAreaValue() }]).Should().BeFalse();
    }

    private static Result RandomResult(Random random)
    {
        double Coordinate() => random.Next(4) switch
        {
            0 => random.NextDouble() * 100,
            1 => Math.Round(random.NextDouble() * 100, random.Next(0, 13)),
            2 => random.Next(-5, 105),
            _ => BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF),
        };

        List<string> SomeLabels() => [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Labels[random.Next(Labels.Length)])];

        ResultValue? value = random.Next(4) switch
        {
            0 => new RectangleValue { X = Coordinate(), Y = Coordinate(), Width = Coordinate(), Height = Coordinate(), Rotation = random.Next(2) == 0 ? null : Coordinate(), RectangleLabels = random.Next(5) == 0 ? null : SomeLabels() },
            1 => new PolygonValue { Points = [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => new PercentPoint(Coordinate(), Coordinate()))], Closed = random.Next(3) switch { 0 => null, 1 => true, _ => false }, PolygonLabels = random.Next(5) == 0 ? null : SomeLabels() },
            2 => new KeyPointValue { X = Coordinate(), Y = Coordinate(), Width = random.Next(2) == 0 ? null : Coordinate(), KeyPointLabels = random.Next(5) == 0 ? null : SomeLabels() },
            _ => null,
        };
        return new Result
        {
            Value = value,
            OriginalWidth = random.Next(3) == 0 ? null : random.Next(-10, 10_000),
            OriginalHeight = random.Next(3) == 0 ? null : random.Next(int.MinValue, int.MaxValue),
        };
    }

    private static string Render(CsvRegionWriter writer, List<Result> results)
    {
        var field = new Utf8Buffer(16);
        writer.TryWrite(field, results).Should().BeTrue();
        return Encoding.UTF8.GetString(field.WrittenSpan);
    }

    private static string Reference(List<Result> results)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        using (var valueWriter = new Utf8JsonWriter(Stream.Null, options))
        {
            writer.WriteStartArray();
            foreach (var result in results)
            {
                ExportItemReader.WriteValueObject(writer, result, new ArrayBufferWriter<byte>(), valueWriter);
            }

            writer.WriteEndArray();
        }

        // The exporter's general path turns the writer's text into ujson's (CsvExporter.WriteJsonCell).
        var ujson = UjsonText.Rewrite(Encoding.UTF8.GetString(buffer.WrittenSpan), UjsonText.NumberSource.Double);
        return "\"" + ujson.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
