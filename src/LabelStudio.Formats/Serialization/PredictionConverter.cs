using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Hand-written reader and writer for <see cref="Prediction"/>. Same rules as the generated contracts: unknown
/// members kept, members present in the input (even null or empty) written back, absent ones left out unless set.
/// </summary>
internal sealed class PredictionConverter : JsonConverter<Prediction>
{
    // Presence bits of the members (FastTaskReader uses the same ones).
    internal const ulong IdBit = 1UL << 0, ModelVersionBit = 1UL << 2, ScoreBit = 1UL << 3, ClusterBit = 1UL << 4,
        NeighborsBit = 1UL << 5, MislabelingBit = 1UL << 6, CreatedAtBit = 1UL << 7, UpdatedAtBit = 1UL << 8,
        ModelBit = 1UL << 9, ModelRunBit = 1UL << 10, TaskBit = 1UL << 11, ProjectBit = 1UL << 12,
        CreatedAgoBit = 1UL << 13;

    public static PredictionConverter Instance { get; } = new();

    public override Prediction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadPrediction(ref reader, options, null);

    public static Prediction ReadPrediction(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new Prediction();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                value.Id = ValueReading.ReadNullableInt64(ref reader);
                present |= IdBit;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                value.Results = ValueReading.ReadResults(ref reader, options, pool)
                    ?? throw new JsonException("The JSON value of 'result' of a prediction is null; expected an array of results.");
                present |= Prediction.ResultsBit;
            }
            else if (reader.ValueTextEquals("model_version"u8))
            {
                value.ModelVersion = ValueReading.ReadNullableString(ref reader, pool);
                present |= ModelVersionBit;
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                value.Score = ValueReading.ReadNullableDouble(ref reader);
                present |= ScoreBit;
            }
            else if (reader.ValueTextEquals("cluster"u8))
            {
                value.Cluster = ValueReading.ReadNode(ref reader, options);
                present |= ClusterBit;
            }
            else if (reader.ValueTextEquals("neighbors"u8))
            {
                value.Neighbors = ValueReading.ReadNode(ref reader, options);
                present |= NeighborsBit;
            }
            else if (reader.ValueTextEquals("mislabeling"u8))
            {
                value.Mislabeling = ValueReading.ReadNullableDouble(ref reader);
                present |= MislabelingBit;
            }
            else if (reader.ValueTextEquals("created_at"u8))
            {
                value.CreatedAt = ValueReading.ReadTimestamp(ref reader, options);
                present |= CreatedAtBit;
            }
            else if (reader.ValueTextEquals("updated_at"u8))
            {
                value.UpdatedAt = ValueReading.ReadTimestamp(ref reader, options);
                present |= UpdatedAtBit;
            }
            else if (reader.ValueTextEquals("model"u8) && IsIdOrNull(reader))
            {
                value.Model = ValueReading.ReadNullableInt64(ref reader);
                present |= ModelBit;
            }
            else if (reader.ValueTextEquals("model_run"u8) && IsIdOrNull(reader))
            {
                value.ModelRun = ValueReading.ReadNullableInt64(ref reader);
                present |= ModelRunBit;
            }
            else if (reader.ValueTextEquals("task"u8))
            {
                value.Task = ValueReading.ReadNullableInt64(ref reader);
                present |= TaskBit;
            }
            else if (reader.ValueTextEquals("project"u8))
            {
                value.Project = ValueReading.ReadNullableInt64(ref reader);
                present |= ProjectBit;
            }
            else if (reader.ValueTextEquals("created_ago"u8))
            {
                value.CreatedAgo = ValueReading.ReadNullableString(ref reader);
                present |= CreatedAgoBit;
            }
            else
            {
                ValueReading.AddExtension(ref reader, ref extra);
            }
        }

        value.AdditionalProperties = extra;
        value.PresentMembers = present;
        return value;
    }

    // The prediction endpoints send the ML backend and model run as ids; the predictions nested in task answers send
    // them as objects ({} when unset). An object is kept verbatim among the unknown members rather than failing the task.
    private static bool IsIdOrNull(Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType is JsonTokenType.Number or JsonTokenType.Null;
    }

    public override void Write(Utf8JsonWriter writer, Prediction value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        ValueReading.WriteNullableNumber(writer, "id"u8, value.Id, value.IsPresent(IdBit));
        ValueReading.WriteResults(writer, "result"u8, value.ResultsOrNull ?? Array.Empty<Result>(), value.IsPresent(Prediction.ResultsBit), options);
        ValueReading.WriteNullableString(writer, "model_version"u8, value.ModelVersion, value.IsPresent(ModelVersionBit));
        ValueReading.WriteNullableNumber(writer, "score"u8, value.Score, value.IsPresent(ScoreBit));
        ValueReading.WriteNode(writer, "cluster"u8, value.Cluster, value.IsPresent(ClusterBit), options);
        ValueReading.WriteNode(writer, "neighbors"u8, value.Neighbors, value.IsPresent(NeighborsBit), options);
        ValueReading.WriteNullableNumber(writer, "mislabeling"u8, value.Mislabeling, value.IsPresent(MislabelingBit));
        ValueReading.WriteTimestamp(writer, "created_at"u8, value.CreatedAt, value.IsPresent(CreatedAtBit));
        ValueReading.WriteTimestamp(writer, "updated_at"u8, value.UpdatedAt, value.IsPresent(UpdatedAtBit));
        ValueReading.WriteNullableNumber(writer, "model"u8, value.Model, value.IsPresent(ModelBit));
        ValueReading.WriteNullableNumber(writer, "model_run"u8, value.ModelRun, value.IsPresent(ModelRunBit));
        ValueReading.WriteNullableNumber(writer, "task"u8, value.Task, value.IsPresent(TaskBit));
        ValueReading.WriteNullableNumber(writer, "project"u8, value.Project, value.IsPresent(ProjectBit));
        ValueReading.WriteNullableString(writer, "created_ago"u8, value.CreatedAgo, value.IsPresent(CreatedAgoBit));
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
