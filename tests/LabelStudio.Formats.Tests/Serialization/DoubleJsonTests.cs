using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

// Differential tests: the reference is Utf8JsonWriter's own WriteNumber/WriteNumberValue(double). The only allowed
// difference is a double whose .NET text does not parse back to it (2^-25, 2^-958, see ShortestDoubleTests): there the
// new text must parse back, as the reference's does not.
public sealed class DoubleJsonTests
{
    private const int Seed = 20261128;

    private static readonly double[] Boundaries =
    [
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 100.0, 1e-4, 9.999999999999999e-5, 1e-5, 1e15, 1e16, 1e17, 9.999999999999998e16,
        123456789012345678.0, double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, 2.225073858507201e-308,
        double.MaxValue, double.MinValue, 1.7976931348623155e308, long.MaxValue, long.MinValue, int.MaxValue,
        int.MinValue, 9007199254740992.0, 9007199254740993.0, 4503599627370496.5, 0.30000000000000004,
        Math.ScaleB(1.0, -25), Math.ScaleB(1.0, -958), Math.BitDecrement(Math.ScaleB(1.0, -25)), Math.BitIncrement(Math.ScaleB(1.0, -958)),
    ];

    [Test]
    public void WriteNumber_Boundaries_MatchUtf8JsonWriter() => AssertAllMatch(Boundaries);

    [Test]
    public void WriteNumber_RandomBitPatterns_MatchUtf8JsonWriter()
    {
        var random = new Random(Seed);
        var values = new List<double>();
        Span<byte> bits = stackalloc byte[8];
        while (values.Count < 200_000)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        AssertAllMatch(values);
    }

    [Test]
    public void WriteNumber_IntegersAndPowers_MatchUtf8JsonWriter()
    {
        var values = new List<double>();
        for (var i = -2000; i <= 2000; i++)
        {
            values.Add(i);
        }

        for (var e = -1074; e <= 1023; e++)
        {
            values.Add(Math.ScaleB(1.0, e));
            values.Add(-Math.ScaleB(1.0, e));
        }

        for (var e = -323; e <= 308; e++)
        {
            values.Add(double.Parse($"1e{e}", CultureInfo.InvariantCulture));
        }

        AssertAllMatch(values);
    }

    // Coordinates as exports carry them: percentages with up to 17 digits and pixel values computed from them.
    [Test]
    public void WriteNumber_ExporterCoordinates_MatchUtf8JsonWriter()
    {
        var random = new Random(Seed + 1);
        var values = new List<double>();
        for (var i = 0; i < 100_000; i++)
        {
            var percent = random.NextDouble() * 100;
            values.Add(percent);
            values.Add(Math.Round(percent, random.Next(0, 15)));
            values.Add(percent * 1920 / 100);
        }

        AssertAllMatch(values);
    }

    // Every number of the fixture task lists (the official tools' files), as JsonDocument parses them.
    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.TaskLists))]
    public void WriteNumber_FixtureNumbers_MatchUtf8JsonWriter(string file)
    {
        var values = new List<double>();
        using (var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.Path(file))))
        {
            Collect(document.RootElement, values);
        }

        values.Should().NotBeEmpty();
        AssertAllMatch(values);
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void WriteNumber_NonFinite_ThrowsAsUtf8JsonWriter(double value)
    {
        var expected = Capture(writer => writer.WriteNumber("v"u8, value));
        var actual = Capture(writer => DoubleJson.WriteNumber(writer, "v"u8, value));
        expected.Should().BeOfType<ArgumentException>();
        actual.Should().BeOfType(expected!.GetType());
        actual!.Message.Should().Be(expected.Message);

        var expectedItem = Capture(writer => writer.WriteNumberValue(value), inArray: true);
        var actualItem = Capture(writer => DoubleJson.WriteNumberValue(writer, value), inArray: true);
        actualItem.Should().BeOfType(expectedItem!.GetType());
    }

    [Test]
    public void WriteNumberValue_IndentedWriter_KeepsTheLayout()
    {
        double[] values = [1.5, -0.0, 1e-5, 12345.678];
        var options = new JsonWriterOptions { Indented = true };
        Write(values, options, reference: false).Should().Be(Write(values, options, reference: true));
    }

    [Test]
    public void WriteNullableNumber_NullPresentOrAbsent_WritesNullOrNothing()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            DoubleJson.WriteNullableNumber(writer, "a"u8, null, present: true);
            DoubleJson.WriteNullableNumber(writer, "b"u8, null, present: false);
            DoubleJson.WriteNullableNumber(writer, "c"u8, 2.5, present: false);
            writer.WriteEndObject();
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("""{"a":null,"c":2.5}""");
    }

    private static void Collect(JsonElement element, List<double> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                values.Add(element.GetDouble());
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, values);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, values);
                }

                break;
        }
    }

    private static void AssertAllMatch(IEnumerable<double> values)
    {
        var failures = new List<string>();
        var compact = new JsonWriterOptions();
        var relaxed = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        foreach (var value in values)
        {
            foreach (var options in (JsonWriterOptions[])[compact, relaxed])
            {
                double[] one = [value];
                var expected = Write(one, options, reference: true);
                var actual = Write(one, options, reference: false);
                if (actual == expected)
                {
                    continue;
                }

                // Allowed only where the reference's text is not the value's (.NET's round-trip bug) and ours is.
                var expectedNumber = expected[(expected.IndexOf(':', StringComparison.Ordinal) + 1)..expected.IndexOf(',', StringComparison.Ordinal)];
                var actualNumber = actual[(actual.IndexOf(':', StringComparison.Ordinal) + 1)..actual.IndexOf(',', StringComparison.Ordinal)];
                var referenceRoundTrips = double.Parse(expectedNumber, CultureInfo.InvariantCulture).Equals(value);
                var oursRoundTrips = double.Parse(actualNumber, CultureInfo.InvariantCulture).Equals(value);
                if (referenceRoundTrips || !oursRoundTrips)
                {
                    failures.Add($"{value.ToString("R", CultureInfo.InvariantCulture)} (bits {BitConverter.DoubleToInt64Bits(value):X16}): expected {expected}, got {actual}");
                }
            }

            if (failures.Count >= 10)
            {
                break;
            }
        }

        failures.Should().BeEmpty();
    }

    // [{"v":x,"a":[x,x],"n":x}, ...] through the writer's methods or through DoubleJson.
    private static string Write(double[] values, JsonWriterOptions options, bool reference)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStartObject();
                if (reference)
                {
                    writer.WriteNumber("v"u8, value);
                    writer.WriteStartArray("a"u8);
                    writer.WriteNumberValue(value);
                    writer.WriteNumberValue(value);
                    writer.WriteEndArray();
                    writer.WriteNumber("n"u8, value);
                }
                else
                {
                    DoubleJson.WriteNumber(writer, "v"u8, value);
                    writer.WriteStartArray("a"u8);
                    DoubleJson.WriteNumberValue(writer, value);
                    DoubleJson.WriteNumberValue(writer, value);
                    writer.WriteEndArray();
                    DoubleJson.WriteNullableNumber(writer, "n"u8, value, present: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ArgumentException? Capture(Action<Utf8JsonWriter> write, bool inArray = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        if (inArray)
        {
            writer.WriteStartArray();
        }
        else
        {
            writer.WriteStartObject();
        }

        try
        {
            write(writer);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception;
        }
    }
}
