using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads a <see cref="JsonObject"/> member (task <c>data</c>, <c>meta</c>), skipping the document an empty
/// object would otherwise cost; writes it unchanged.
/// </summary>
internal sealed class JsonObjectConverter : JsonConverter<JsonObject>
{
    public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }

        return (JsonObject?)ValueReading.ReadNodeValue(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}
