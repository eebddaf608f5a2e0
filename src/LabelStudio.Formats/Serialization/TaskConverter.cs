using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Hand-written reader and writer for <see cref="LabelStudioTask"/>, called once per task of every export and API
/// page. Same rules as the generated contracts it replaces: unknown members kept, members present in the input
/// (even null or empty) written back in declaration order, absent ones left out unless set.
/// </summary>
internal sealed class TaskConverter : JsonConverter<LabelStudioTask>
{
    internal const ulong AnnotationsBit = 1UL << 3, AgreementBit = 1UL << 19;

    internal const ulong IdBit = 1UL << 0, DataBit = 1UL << 1, MetaBit = 1UL << 2,
        PredictionsBit = 1UL << 4, DraftsBit = 1UL << 5, CreatedAtBit = 1UL << 6, UpdatedAtBit = 1UL << 7,
        InnerIdBit = 1UL << 8, TotalAnnotationsBit = 1UL << 9, CancelledAnnotationsBit = 1UL << 10,
        TotalPredictionsBit = 1UL << 11, CommentCountBit = 1UL << 12, UnresolvedCommentCountBit = 1UL << 13,
        LastCommentUpdatedAtBit = 1UL << 14, ProjectBit = 1UL << 15, UpdatedByBit = 1UL << 16, FileUploadBit = 1UL << 17,
        CommentAuthorsBit = 1UL << 18, IsLabeledBit = 1UL << 20, OverlapBit = 1UL << 21;

    public static TaskConverter Instance { get; } = new();

    public override LabelStudioTask Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadTask(ref reader, options, null);

    public static LabelStudioTask ReadTask(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool, SkippedTaskMembers skipped = SkippedTaskMembers.None)
    {
        ValueReading.ExpectObject(ref reader);
        var task = new LabelStudioTask();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        var member = default(ReadOnlySpan<byte>);
        try
        {
            ReadMembers(ref reader, options, pool, SkippedMemberMasks.Task(skipped), SkippedMemberMasks.Annotation(skipped), task, ref present, ref extra, ref member);
        }
        catch (JsonException ex) when (ex is not JsonMemberException && !member.IsEmpty)
        {
            // Name the member, as the serializer's path would; the offset lets the caller give line and column.
            throw new JsonMemberException(ex.Message, "$." + Encoding.UTF8.GetString(member), reader.TokenStartIndex, ex);
        }

        task.AdditionalProperties = extra;
        task.PresentMembers = present;
        return task;
    }

    // The export readers' hot methods are compiled optimized at their first call: a converter reads a file once per
    // process, and the tiered JIT's unoptimized first versions ran for the first few thousand tasks on every reading thread.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadMembers(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool, ulong skipped, ulong skippedInAnnotations, LabelStudioTask task, ref ulong present, ref Dictionary<string, JsonElement>? extra, scoped ref ReadOnlySpan<byte> member)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            member = reader.HasValueSequence || reader.ValueIsEscaped ? "?"u8 : reader.ValueSpan;
            var propertyName = ValueReading.PropertyName(ref reader);
            if (skipped != 0 && (SkippedMemberMasks.TaskBit(propertyName) & skipped) != 0)
            {
                // The tokenizer still checks the value is well-formed JSON; nothing is built.
                reader.Skip();
                continue;
            }

            switch (propertyName.Length)
            {
                case 2 when propertyName.SequenceEqual("id"u8):
                    task.Id = ValueReading.ReadNullableInt64(ref reader);
                    present |= IdBit;
                    break;

                case 4 when propertyName.SequenceEqual("data"u8):
                    task.Data = ReadObject(ref reader, "data");
                    present |= DataBit;
                    break;

                case 4 when propertyName.SequenceEqual("meta"u8):
                    reader.Read();
                    task.Meta = reader.TokenType == JsonTokenType.Null ? null : ReadObjectValue(ref reader, "meta");
                    present |= MetaBit;
                    break;

                case 11 when propertyName.SequenceEqual("annotations"u8):
                    reader.Read();
                    ExpectArray(ref reader, "annotations");
                    var annotations = new List<Annotation>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        annotations.Add(reader.TokenType == JsonTokenType.StartObject
                            ? AnnotationConverter.ReadAnnotation(ref reader, options, pool, skippedInAnnotations)
                            : throw new JsonException($"Expected an annotation object, found {reader.TokenType}."));
                    }

                    task.Annotations = annotations;
                    present |= AnnotationsBit;
                    break;

                case 11 when propertyName.SequenceEqual("predictions"u8):
                    reader.Read();
                    ExpectArray(ref reader, "predictions");
                    task.Predictions = PredictionListConverter.ReadPredictions(ref reader, options, pool);
                    present |= PredictionsBit;
                    break;

                case 6 when propertyName.SequenceEqual("drafts"u8):
                    reader.Read();
                    ExpectArray(ref reader, "drafts");
                    task.Drafts = ValueReading.ReadList(ref reader, LabelStudioJson.TypeInfo<Draft>());
                    present |= DraftsBit;
                    break;

                case 10 when propertyName.SequenceEqual("created_at"u8):
                    task.CreatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= CreatedAtBit;
                    break;

                case 10 when propertyName.SequenceEqual("updated_at"u8):
                    task.UpdatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= UpdatedAtBit;
                    break;

                case 8 when propertyName.SequenceEqual("inner_id"u8):
                    task.InnerId = ValueReading.ReadNullableInt64(ref reader);
                    present |= InnerIdBit;
                    break;

                case 17 when propertyName.SequenceEqual("total_annotations"u8):
                    task.TotalAnnotations = ValueReading.ReadNullableInt32(ref reader);
                    present |= TotalAnnotationsBit;
                    break;

                case 21 when propertyName.SequenceEqual("cancelled_annotations"u8):
                    task.CancelledAnnotations = ValueReading.ReadNullableInt32(ref reader);
                    present |= CancelledAnnotationsBit;
                    break;

                case 17 when propertyName.SequenceEqual("total_predictions"u8):
                    task.TotalPredictions = ValueReading.ReadNullableInt32(ref reader);
                    present |= TotalPredictionsBit;
                    break;

                case 13 when propertyName.SequenceEqual("comment_count"u8):
                    task.CommentCount = ValueReading.ReadNullableInt32(ref reader);
                    present |= CommentCountBit;
                    break;

                case 24 when propertyName.SequenceEqual("unresolved_comment_count"u8):
                    task.UnresolvedCommentCount = ValueReading.ReadNullableInt32(ref reader);
                    present |= UnresolvedCommentCountBit;
                    break;

                case 23 when propertyName.SequenceEqual("last_comment_updated_at"u8):
                    task.LastCommentUpdatedAt = ValueReading.ReadTimestamp(ref reader, options);
                    present |= LastCommentUpdatedAtBit;
                    break;

                case 7 when propertyName.SequenceEqual("project"u8):
                    task.Project = ValueReading.ReadNullableInt64(ref reader);
                    present |= ProjectBit;
                    break;

                case 10 when propertyName.SequenceEqual("updated_by"u8):
                    task.UpdatedBy = ValueReading.ReadNode(ref reader, options);
                    present |= UpdatedByBit;
                    break;

                case 11 when propertyName.SequenceEqual("file_upload"u8):
                    task.FileUpload = ValueReading.ReadNode(ref reader, options);
                    present |= FileUploadBit;
                    break;

                case 15 when propertyName.SequenceEqual("comment_authors"u8):
                    task.CommentAuthors = ValueReading.ReadNode(ref reader, options);
                    present |= CommentAuthorsBit;
                    break;

                case 9 when propertyName.SequenceEqual("agreement"u8):
                    task.Agreement = ValueReading.ReadNullableDouble(ref reader);
                    present |= AgreementBit | task.ReadAgreementLiteral(ValueReading.NumberText(ref reader));
                    break;

                case 10 when propertyName.SequenceEqual("is_labeled"u8):
                    task.IsLabeled = ValueReading.ReadNullableBoolean(ref reader);
                    present |= IsLabeledBit;
                    break;

                case 7 when propertyName.SequenceEqual("overlap"u8):
                    task.Overlap = ValueReading.ReadNullableInt32(ref reader);
                    present |= OverlapBit;
                    break;

                default:
                    ValueReading.AddExtension(ref reader, ref extra);
                    break;
            }
        }
    }

    public override void Write(Utf8JsonWriter writer, LabelStudioTask value, JsonSerializerOptions options)
    {
        var present = value.PresentMembers;
        writer.WriteStartObject();
        ValueReading.WriteNullableNumber(writer, "id"u8, value.Id, (present & IdBit) != 0);
        var data = value.DataOrNull;
        if ((present & DataBit) != 0 || data?.Count > 0)
        {
            writer.WritePropertyName("data"u8);
            (data ?? []).WriteTo(writer, options);
        }

        if (value.Meta is not null ? (present & MetaBit) != 0 || value.Meta.Count > 0 : (present & MetaBit) != 0)
        {
            ValueReading.WriteNode(writer, "meta"u8, value.Meta, present: true, options);
        }

        ValueReading.WriteList(writer, "annotations"u8, value.AnnotationsOrNull ?? Array.Empty<Annotation>(), (present & AnnotationsBit) != 0, writtenAsNull: false, options, AnnotationConverter.Instance);
        var predictions = value.PredictionsOrNull;
        if ((present & PredictionsBit) != 0 || predictions?.Count > 0)
        {
            writer.WritePropertyName("predictions"u8);
            PredictionListConverter.Instance.Write(writer, predictions ?? Array.Empty<Prediction>(), options);
        }

        ValueReading.WriteList(writer, "drafts"u8, value.DraftsOrNull ?? Array.Empty<Draft>(), (present & DraftsBit) != 0, writtenAsNull: false, LabelStudioJson.TypeInfo<Draft>());
        ValueReading.WriteTimestamp(writer, "created_at"u8, value.CreatedAt, (present & CreatedAtBit) != 0);
        ValueReading.WriteTimestamp(writer, "updated_at"u8, value.UpdatedAt, (present & UpdatedAtBit) != 0);
        ValueReading.WriteNullableNumber(writer, "inner_id"u8, value.InnerId, (present & InnerIdBit) != 0);
        ValueReading.WriteNullableNumber(writer, "total_annotations"u8, value.TotalAnnotations, (present & TotalAnnotationsBit) != 0);
        ValueReading.WriteNullableNumber(writer, "cancelled_annotations"u8, value.CancelledAnnotations, (present & CancelledAnnotationsBit) != 0);
        ValueReading.WriteNullableNumber(writer, "total_predictions"u8, value.TotalPredictions, (present & TotalPredictionsBit) != 0);
        ValueReading.WriteNullableNumber(writer, "comment_count"u8, value.CommentCount, (present & CommentCountBit) != 0);
        ValueReading.WriteNullableNumber(writer, "unresolved_comment_count"u8, value.UnresolvedCommentCount, (present & UnresolvedCommentCountBit) != 0);
        ValueReading.WriteTimestamp(writer, "last_comment_updated_at"u8, value.LastCommentUpdatedAt, (present & LastCommentUpdatedAtBit) != 0);
        ValueReading.WriteNullableNumber(writer, "project"u8, value.Project, (present & ProjectBit) != 0);
        ValueReading.WriteNode(writer, "updated_by"u8, value.UpdatedBy, (present & UpdatedByBit) != 0, options);
        ValueReading.WriteNode(writer, "file_upload"u8, value.FileUpload, (present & FileUploadBit) != 0, options);
        ValueReading.WriteNode(writer, "comment_authors"u8, value.CommentAuthors, (present & CommentAuthorsBit) != 0, options);
        if (value.AgreementIsInteger)
        {
            IntegerLiteral.WriteNumber(writer, "agreement"u8, value.Agreement!.Value, value.AgreementExact);
        }
        else
        {
            ValueReading.WriteNullableNumber(writer, "agreement"u8, value.Agreement, (present & AgreementBit) != 0);
        }

        ValueReading.WriteNullableBoolean(writer, "is_labeled"u8, value.IsLabeled, (present & IsLabeledBit) != 0);
        ValueReading.WriteNullableNumber(writer, "overlap"u8, value.Overlap, (present & OverlapBit) != 0);
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static JsonObject ReadObject(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return ReadObjectValue(ref reader, name);
    }

    private static JsonObject ReadObjectValue(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.StartObject
            ? (JsonObject)ValueReading.ReadNodeValue(ref reader)!
            : throw new JsonException($"The JSON value of '{name}' must be an object, found {reader.TokenType}.");

    private static void ExpectArray(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The JSON value of '{name}' must be an array, found {reader.TokenType}.");
        }
    }
}
