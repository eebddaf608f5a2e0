using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Every <see cref="double"/> the source-generated serializers read and write (the rarer value types such as ellipses,
/// numbers and ratings; the hand-written converters call the same code): read through <see cref="FastDouble"/>, which
/// refuses a number beyond a double's range instead of reading infinity, which no writer accepts back; written with
/// <see cref="ShortestDouble"/>'s digits as every hand-written converter writes them.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? FastDouble.Get(ref reader)
            : throw new JsonException($"Expected a number, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => DoubleJson.WriteNumberValue(writer, value);
}
