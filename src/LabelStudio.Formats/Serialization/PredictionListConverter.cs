using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads a task's <c>predictions</c>, whose items are prediction objects or, in some exports, bare prediction ids;
/// writes each back in the form it was read.
/// </summary>
internal sealed class PredictionListConverter : JsonConverter<IList<Prediction>>
{
    public static PredictionListConverter Instance { get; } = new();

    public override IList<Prediction> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of predictions, found {reader.TokenType}.");
        }

        var typeInfo = (JsonTypeInfo<Prediction>)options.GetTypeInfo(typeof(Prediction));
        var list = new List<Prediction>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                list.Add(new Prediction { Id = reader.TryGetInt64(out var id) ? id : throw new JsonException("Expected an integer prediction id."), IsIdReference = true });
            }
            else
            {
                list.Add(JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException("Expected a prediction object or id, found null."));
            }
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<Prediction> value, JsonSerializerOptions options)
    {
        var typeInfo = (JsonTypeInfo<Prediction>)options.GetTypeInfo(typeof(Prediction));
        writer.WriteStartArray();
        foreach (var prediction in value)
        {
            if (prediction.IsIdReference && prediction.Id is { } id)
            {
                writer.WriteNumberValue(id);
            }
            else
            {
                JsonSerializer.Serialize(writer, prediction, typeInfo);
            }
        }

        writer.WriteEndArray();
    }
}
