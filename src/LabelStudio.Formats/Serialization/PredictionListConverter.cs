using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads a task's <c>predictions</c>, whose items are prediction objects or, in some exports, bare prediction ids;
/// writes each back in the form it was read.
/// </summary>
internal sealed class PredictionListConverter : JsonConverter<IList<Prediction>>
{
    public static PredictionListConverter Instance { get; } = new();

    public override IList<Prediction> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPredictions(ref reader, options, null);

    public static List<Prediction> ReadPredictions(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of predictions, found {reader.TokenType}.");
        }

        var list = new List<Prediction>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                list.Add(new Prediction { Id = reader.TryGetInt64(out var id) ? id : throw new JsonException("Expected an integer prediction id."), IsIdReference = true });
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                list.Add(PredictionConverter.ReadPrediction(ref reader, options, pool));
            }
            else
            {
                throw new JsonException(reader.TokenType == JsonTokenType.Null
                    ? "Expected a prediction object or id, found null."
                    : $"Expected a prediction object or id, found {reader.TokenType}.");
            }
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<Prediction> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var prediction in value)
        {
            if (prediction.IsIdReference && prediction.Id is { } id)
            {
                writer.WriteNumberValue(id);
            }
            else
            {
                PredictionConverter.Instance.Write(writer, prediction, options);
            }
        }

        writer.WriteEndArray();
    }
}
