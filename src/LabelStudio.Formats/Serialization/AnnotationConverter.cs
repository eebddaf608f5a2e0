using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Hand-written reader and writer for <see cref="Annotation"/>, the most numerous object of an export after its
/// results. Same rules as the generated contracts: unknown members kept, members present in the input (even
/// null or empty) written back, absent ones left out unless set.
/// </summary>
internal sealed class AnnotationConverter : JsonConverter<Annotation>
{
    internal const ulong ResultWasNullBit = 1UL << 63;

    // Presence bits of the members (FastTaskReader uses the same ones).
    internal const ulong IdBit = 1UL << 0, CompletedByBit = 1UL << 2, WasCancelledBit = 1UL << 3,
        GroundTruthBit = 1UL << 4, CreatedAtBit = 1UL << 5, UpdatedAtBit = 1UL << 6, DraftCreatedAtBit = 1UL << 7,
        LeadTimeBit = 1UL << 8, PredictionBit = 1UL << 9, ResultCountBit = 1UL << 10, UniqueIdBit = 1UL << 11,
        ImportIdBit = 1UL << 12, LastActionBit = 1UL << 13, BulkCreatedBit = 1UL << 14, TaskBit = 1UL << 15,
        ProjectBit = 1UL << 16, UpdatedByBit = 1UL << 17, ParentPredictionBit = 1UL << 18,
        ParentAnnotationBit = 1UL << 19, LastCreatedByBit = 1UL << 20, CreatedUsernameBit = 1UL << 21,
        CreatedAgoBit = 1UL << 22, StateBit = 1UL << 23;

    public static AnnotationConverter Instance { get; } = new();

    public override Annotation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadAnnotation(ref reader, options, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Annotation ReadAnnotation(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool, ulong skipped = 0)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new Annotation();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var propertyName = ValueReading.PropertyName(ref reader);
            if (skipped != 0 && (SkippedMemberMasks.AnnotationBit(propertyName) & skipped) != 0)
            {
                // Checked for well-formed JSON by the tokenizer, not built (see SkippedTaskMembers).
                reader.Skip();
                continue;
            }

            switch (propertyName.Length)
            {
                case 2 when propertyName.SequenceEqual("id"u8):
                    value.Id = ValueReading.ReadNullableInt64(ref reader);
                    present |= IdBit;
                    break;

                case 6 when propertyName.SequenceEqual("result"u8):
                    // The official converter treats "result": null as empty; keep the null for the round trip.
                    var results = ValueReading.ReadResults(ref reader, options, pool);
                    if (results is null)
                    {
                        present |= ResultWasNullBit;
                    }
                    else
                    {
                        value.Results = results;
                    }

                    present |= Annotation.ResultsBit;
                    break;

                case 12 when propertyName.SequenceEqual("completed_by"u8):
                    value.CompletedBy = ValueReading.ReadNode(ref reader, options);
                    present |= CompletedByBit;
                    break;

                case 13 when propertyName.SequenceEqual("was_cancelled"u8):
                    value.WasCancelled = ValueReading.ReadNullableBoolean(ref reader);
                    present |= WasCancelledBit;
                    break;

                case 12 when propertyName.SequenceEqual("ground_truth"u8):
                    value.GroundTruth = ValueReading.ReadNullableBoolean(ref reader);
                    present |= GroundTruthBit;
                    break;

                case 10 when propertyName.SequenceEqual("created_at"u8):
                    value.CreatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= CreatedAtBit;
                    break;

                case 10 when propertyName.SequenceEqual("updated_at"u8):
                    value.UpdatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= UpdatedAtBit;
                    break;

                case 16 when propertyName.SequenceEqual("draft_created_at"u8):
                    value.DraftCreatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= DraftCreatedAtBit;
                    break;

                case 9 when propertyName.SequenceEqual("lead_time"u8):
                    value.LeadTime = ValueReading.ReadNullableDouble(ref reader);
                    present |= LeadTimeBit | value.ReadLeadTimeLiteral(ValueReading.NumberText(ref reader));
                    break;

                case 10 when propertyName.SequenceEqual("prediction"u8):
                    value.Prediction = ValueReading.ReadNode(ref reader, options);
                    present |= PredictionBit;
                    break;

                case 12 when propertyName.SequenceEqual("result_count"u8):
                    value.ResultCount = ValueReading.ReadNullableInt32(ref reader);
                    present |= ResultCountBit;
                    break;

                case 9 when propertyName.SequenceEqual("unique_id"u8):
                    value.UniqueId = ValueReading.ReadNullableString(ref reader);
                    present |= UniqueIdBit;
                    break;

                case 9 when propertyName.SequenceEqual("import_id"u8):
                    value.ImportId = ValueReading.ReadNullableInt64(ref reader);
                    present |= ImportIdBit;
                    break;

                case 11 when propertyName.SequenceEqual("last_action"u8):
                    value.LastAction = ValueReading.ReadNullableString(ref reader, pool);
                    present |= LastActionBit;
                    break;

                case 12 when propertyName.SequenceEqual("bulk_created"u8):
                    value.BulkCreated = ValueReading.ReadNullableBoolean(ref reader);
                    present |= BulkCreatedBit;
                    break;

                case 4 when propertyName.SequenceEqual("task"u8):
                    value.Task = ValueReading.ReadNullableInt64(ref reader);
                    present |= TaskBit;
                    break;

                case 7 when propertyName.SequenceEqual("project"u8):
                    value.Project = ValueReading.ReadNullableInt64(ref reader);
                    present |= ProjectBit;
                    break;

                case 10 when propertyName.SequenceEqual("updated_by"u8):
                    value.UpdatedBy = ValueReading.ReadNode(ref reader, options);
                    present |= UpdatedByBit;
                    break;

                case 17 when propertyName.SequenceEqual("parent_prediction"u8):
                    value.ParentPrediction = ValueReading.ReadNullableInt64(ref reader);
                    present |= ParentPredictionBit;
                    break;

                case 17 when propertyName.SequenceEqual("parent_annotation"u8):
                    value.ParentAnnotation = ValueReading.ReadNullableInt64(ref reader);
                    present |= ParentAnnotationBit;
                    break;

                case 15 when propertyName.SequenceEqual("last_created_by"u8):
                    value.LastCreatedBy = ValueReading.ReadNode(ref reader, options);
                    present |= LastCreatedByBit;
                    break;

                case 16 when propertyName.SequenceEqual("created_username"u8):
                    value.CreatedUsername = ValueReading.ReadNullableString(ref reader, pool);
                    present |= CreatedUsernameBit;
                    break;

                case 11 when propertyName.SequenceEqual("created_ago"u8):
                    value.CreatedAgo = ValueReading.ReadNullableString(ref reader);
                    present |= CreatedAgoBit;
                    break;

                case 5 when propertyName.SequenceEqual("state"u8):
                    value.State = ValueReading.ReadNullableString(ref reader, pool);
                    present |= StateBit;
                    break;

                default:
                    ValueReading.AddExtension(ref reader, ref extra);
                    break;
            }
        }

        value.AdditionalProperties = extra;
        value.PresentMembers = present;
        return value;
    }

    public override void Write(Utf8JsonWriter writer, Annotation value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        ValueReading.WriteNullableNumber(writer, "id"u8, value.Id, value.IsPresent(IdBit));
        var results = value.ResultsOrNull ?? Array.Empty<Result>();
        if (value.IsPresent(ResultWasNullBit) && results.Count == 0)
        {
            writer.WriteNull("result"u8);
        }
        else
        {
            ValueReading.WriteResults(writer, "result"u8, results, value.IsPresent(Annotation.ResultsBit), options);
        }

        ValueReading.WriteNode(writer, "completed_by"u8, value.CompletedBy, value.IsPresent(CompletedByBit), options);
        ValueReading.WriteNullableBoolean(writer, "was_cancelled"u8, value.WasCancelled, value.IsPresent(WasCancelledBit));
        ValueReading.WriteNullableBoolean(writer, "ground_truth"u8, value.GroundTruth, value.IsPresent(GroundTruthBit));
        ValueReading.WriteTimestamp(writer, "created_at"u8, value.CreatedAt, value.IsPresent(CreatedAtBit));
        ValueReading.WriteTimestamp(writer, "updated_at"u8, value.UpdatedAt, value.IsPresent(UpdatedAtBit));
        ValueReading.WriteTimestamp(writer, "draft_created_at"u8, value.DraftCreatedAt, value.IsPresent(DraftCreatedAtBit));
        if (value.LeadTimeIsInteger)
        {
            IntegerLiteral.WriteNumber(writer, "lead_time"u8, value.LeadTime!.Value, value.LeadTimeExact);
        }
        else
        {
            ValueReading.WriteNullableNumber(writer, "lead_time"u8, value.LeadTime, value.IsPresent(LeadTimeBit));
        }

        ValueReading.WriteNode(writer, "prediction"u8, value.Prediction, value.IsPresent(PredictionBit), options);
        ValueReading.WriteNullableNumber(writer, "result_count"u8, value.ResultCount, value.IsPresent(ResultCountBit));
        ValueReading.WriteNullableString(writer, "unique_id"u8, value.UniqueId, value.IsPresent(UniqueIdBit));
        ValueReading.WriteNullableNumber(writer, "import_id"u8, value.ImportId, value.IsPresent(ImportIdBit));
        ValueReading.WriteNullableString(writer, "last_action"u8, value.LastAction, value.IsPresent(LastActionBit));
        ValueReading.WriteNullableBoolean(writer, "bulk_created"u8, value.BulkCreated, value.IsPresent(BulkCreatedBit));
        ValueReading.WriteNullableNumber(writer, "task"u8, value.Task, value.IsPresent(TaskBit));
        ValueReading.WriteNullableNumber(writer, "project"u8, value.Project, value.IsPresent(ProjectBit));
        ValueReading.WriteNode(writer, "updated_by"u8, value.UpdatedBy, value.IsPresent(UpdatedByBit), options);
        ValueReading.WriteNullableNumber(writer, "parent_prediction"u8, value.ParentPrediction, value.IsPresent(ParentPredictionBit));
        ValueReading.WriteNullableNumber(writer, "parent_annotation"u8, value.ParentAnnotation, value.IsPresent(ParentAnnotationBit));
        ValueReading.WriteNode(writer, "last_created_by"u8, value.LastCreatedBy, value.IsPresent(LastCreatedByBit), options);
        ValueReading.WriteNullableString(writer, "created_username"u8, value.CreatedUsername, value.IsPresent(CreatedUsernameBit));
        ValueReading.WriteNullableString(writer, "created_ago"u8, value.CreatedAgo, value.IsPresent(CreatedAgoBit));
        ValueReading.WriteNullableString(writer, "state"u8, value.State, value.IsPresent(StateBit));
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
