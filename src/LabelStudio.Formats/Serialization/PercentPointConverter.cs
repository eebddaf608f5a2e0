using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Reads and writes a polygon vertex as <c>[x, y]</c>.</summary>
internal sealed class PercentPointConverter : JsonConverter<PercentPoint>
{
    public override PercentPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPoint(ref reader);

    public override void Write(Utf8JsonWriter writer, PercentPoint value, JsonSerializerOptions options) => WritePoint(writer, value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PercentPoint ReadPoint(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a point as [x, y].");
        }

        var x = ReadCoordinate(ref reader);
        var y = ReadCoordinate(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected a point as [x, y] with exactly two numbers.");
        }

        return new PercentPoint(x, y);
    }

    public static void WritePoint(Utf8JsonWriter writer, PercentPoint value)
    {
        writer.WriteStartArray();
        DoubleJson.WriteNumberValue(writer, value.X);
        DoubleJson.WriteNumberValue(writer, value.Y);
        writer.WriteEndArray();
    }

    private static double ReadCoordinate(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException("Expected a point as [x, y] with exactly two numbers.");
        }

        return FastDouble.Get(ref reader);
    }
}
