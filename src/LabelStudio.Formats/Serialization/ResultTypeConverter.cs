using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Reads and writes <see cref="ResultType"/> as its JSON string.</summary>
internal sealed class ResultTypeConverter : JsonConverter<ResultType>
{
    public override ResultType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A result type must be a JSON string.");
        }

        return ResultTypeTable.Read(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, ResultType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
