using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads and writes <see cref="Result"/>: the <c>value</c> is typed by the sibling <c>type</c>, which may come
/// before or after it. A value whose shape does not fit its type is kept raw rather than failing the read.
/// </summary>
internal sealed class ResultConverter : JsonConverter<Result>
{
    public static ResultConverter Instance { get; } = new();

    // Presence bits (see ExtensibleModel): a member read from JSON is written back even when null.
    internal const ulong IdBit = 1, TypeBit = 1 << 1, FromNameBit = 1 << 2, ToNameBit = 1 << 3, ValueBit = 1 << 4,
        OriginalWidthBit = 1 << 5, OriginalHeightBit = 1 << 6, ImageRotationBit = 1 << 7, ScoreBit = 1 << 8,
        ParentIdBit = 1 << 9, ReadOnlyBit = 1 << 10, HiddenBit = 1 << 11, OriginBit = 1 << 12, MetaBit = 1 << 13,
        FromIdBit = 1 << 14, ToIdBit = 1 << 15, DirectionBit = 1 << 16, LabelsBit = 1 << 17;

    public override Result Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadResult(ref reader, options, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Result ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a result object.");
        }

        ulong present = 0;
        string? id = null, fromName = null, toName = null, parentId = null, origin = null, fromId = null, toId = null, direction = null;
        ResultType type = default;
        ResultValue? value = null;
        int? originalWidth = null, originalHeight = null;
        double? imageRotation = null, score = null;
        bool? readOnly = null, hidden = null;
        JsonNode? meta = null;
        IList<string>? labels = null;
        Dictionary<string, JsonElement>? extra = null;
        Utf8JsonReader pendingValue = default;
        var valueBeforeType = false;

        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var propertyName = ValueReading.PropertyName(ref reader);
            switch (propertyName.Length)
            {
                case 2 when propertyName.SequenceEqual("id"u8):
                    reader.Read();
                    id = ReadString(ref reader);
                    present |= IdBit;
                    break;

                case 4 when propertyName.SequenceEqual("type"u8):
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        type = ResultTypeTable.Read(ref reader);
                        present |= TypeBit;
                    }
                    else
                    {
                        // A non-string type is not ours to interpret: keep it verbatim.
                        (extra ??= new(StringComparer.Ordinal))["type"] = JsonElement.ParseValue(ref reader);
                    }
                    break;

                case 5 when propertyName.SequenceEqual("value"u8):
                    reader.Read();
                    present |= ValueBit;
                    if ((present & TypeBit) != 0)
                    {
                        value = ReadValue(ref reader, type, options, pool);
                    }
                    else
                    {
                        pendingValue = reader;
                        valueBeforeType = true;
                        reader.Skip();
                    }
                    break;

                case 9 when propertyName.SequenceEqual("from_name"u8):
                    reader.Read();
                    fromName = ReadString(ref reader, pool);
                    present |= FromNameBit;
                    break;

                case 7 when propertyName.SequenceEqual("to_name"u8):
                    reader.Read();
                    toName = ReadString(ref reader, pool);
                    present |= ToNameBit;
                    break;

                case 14 when propertyName.SequenceEqual("original_width"u8):
                    reader.Read();
                    originalWidth = ReadInt32(ref reader);
                    present |= OriginalWidthBit;
                    break;

                case 15 when propertyName.SequenceEqual("original_height"u8):
                    reader.Read();
                    originalHeight = ReadInt32(ref reader);
                    present |= OriginalHeightBit;
                    break;

                case 14 when propertyName.SequenceEqual("image_rotation"u8):
                    reader.Read();
                    imageRotation = ReadDouble(ref reader);
                    present |= ImageRotationBit;
                    break;

                case 6 when propertyName.SequenceEqual("origin"u8):
                    reader.Read();
                    origin = ReadString(ref reader, pool);
                    present |= OriginBit;
                    break;

                case 5 when propertyName.SequenceEqual("score"u8):
                    reader.Read();
                    score = ReadDouble(ref reader);
                    present |= ScoreBit;
                    break;

                case 8 when propertyName.SequenceEqual("parentID"u8):
                    reader.Read();
                    parentId = ReadString(ref reader);
                    present |= ParentIdBit;
                    break;

                case 8 when propertyName.SequenceEqual("readonly"u8):
                    reader.Read();
                    readOnly = ReadBoolean(ref reader);
                    present |= ReadOnlyBit;
                    break;

                case 6 when propertyName.SequenceEqual("hidden"u8):
                    reader.Read();
                    hidden = ReadBoolean(ref reader);
                    present |= HiddenBit;
                    break;

                case 4 when propertyName.SequenceEqual("meta"u8):
                    reader.Read();
                    meta = reader.TokenType == JsonTokenType.Null ? null : JsonNode.Parse(ref reader);
                    present |= MetaBit;
                    break;

                case 7 when propertyName.SequenceEqual("from_id"u8):
                    reader.Read();
                    fromId = ReadString(ref reader);
                    present |= FromIdBit;
                    break;

                case 5 when propertyName.SequenceEqual("to_id"u8):
                    reader.Read();
                    toId = ReadString(ref reader);
                    present |= ToIdBit;
                    break;

                case 9 when propertyName.SequenceEqual("direction"u8):
                    reader.Read();
                    direction = ReadString(ref reader);
                    present |= DirectionBit;
                    break;

                case 6 when propertyName.SequenceEqual("labels"u8):
                    reader.Read();
                    labels = ReadStringList(ref reader, pool);
                    present |= LabelsBit;
                    break;

                default:
                    var name = reader.GetString()!;
                    reader.Read();
                    (extra ??= new(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        if (valueBeforeType)
        {
            value = ReadValue(ref pendingValue, type, options, pool);
        }

        return new Result
        {
            Id = id,
            Type = type,
            FromName = fromName,
            ToName = toName,
            Value = value,
            OriginalWidth = originalWidth,
            OriginalHeight = originalHeight,
            ImageRotation = imageRotation,
            Score = score,
            ParentId = parentId,
            ReadOnly = readOnly,
            Hidden = hidden,
            Origin = origin,
            Meta = meta,
            FromId = fromId,
            ToId = toId,
            Direction = direction,
            Labels = labels,
            AdditionalProperties = extra,
            PresentMembers = present,
        };
    }

    public override void Write(Utf8JsonWriter writer, Result value, JsonSerializerOptions options)
    {
        var present = value.PresentMembers;
        writer.WriteStartObject();
        if (value.Id is not null || (present & IdBit) != 0)
        {
            WriteString(writer, "id"u8, value.Id);
        }

        if (!value.Type.IsEmpty || (present & TypeBit) != 0)
        {
            writer.WriteString("type"u8, value.Type.Value);
        }

        if (value.Value is not null || (present & ValueBit) != 0)
        {
            writer.WritePropertyName("value"u8);
            WriteValue(writer, value.Value, options);
        }

        if (value.Origin is not null || (present & OriginBit) != 0)
        {
            WriteString(writer, "origin"u8, value.Origin);
        }

        if (value.FromName is not null || (present & FromNameBit) != 0)
        {
            WriteString(writer, "from_name"u8, value.FromName);
        }

        if (value.ToName is not null || (present & ToNameBit) != 0)
        {
            WriteString(writer, "to_name"u8, value.ToName);
        }

        WriteNumber(writer, "original_width"u8, value.OriginalWidth, present, OriginalWidthBit);
        WriteNumber(writer, "original_height"u8, value.OriginalHeight, present, OriginalHeightBit);
        WriteNumber(writer, "image_rotation"u8, value.ImageRotation, present, ImageRotationBit);
        WriteNumber(writer, "score"u8, value.Score, present, ScoreBit);
        if (value.ParentId is not null || (present & ParentIdBit) != 0)
        {
            WriteString(writer, "parentID"u8, value.ParentId);
        }

        WriteBoolean(writer, "readonly"u8, value.ReadOnly, present, ReadOnlyBit);
        WriteBoolean(writer, "hidden"u8, value.Hidden, present, HiddenBit);
        if (value.Meta is not null || (present & MetaBit) != 0)
        {
            writer.WritePropertyName("meta"u8);
            if (value.Meta is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.Meta.WriteTo(writer, options);
            }
        }

        if (value.FromId is not null || (present & FromIdBit) != 0)
        {
            WriteString(writer, "from_id"u8, value.FromId);
        }

        if (value.ToId is not null || (present & ToIdBit) != 0)
        {
            WriteString(writer, "to_id"u8, value.ToId);
        }

        if (value.Direction is not null || (present & DirectionBit) != 0)
        {
            WriteString(writer, "direction"u8, value.Direction);
        }

        if (value.Labels is not null || (present & LabelsBit) != 0)
        {
            writer.WritePropertyName("labels"u8);
            WriteStringList(writer, value.Labels);
        }

        if (value.AdditionalProperties is { } extra)
        {
            foreach (var (name, element) in extra)
            {
                writer.WritePropertyName(name);
                element.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ResultValue? ReadValue(ref Utf8JsonReader reader, ResultType type, JsonSerializerOptions options, JsonStringPool? pool)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var valueClass = reader.TokenType == JsonTokenType.StartObject ? ResultTypeTable.ValueType(type) : null;
        if (valueClass is not null)
        {
            var start = reader;
            try
            {
                // The frequent values have hand-written converters called directly; the others go through the
                // generated contracts.
                return type == ResultType.RectangleLabels || type == ResultType.Rectangle ? RectangleValueConverter.ReadValue(ref reader, pool)
                    : type == ResultType.Choices ? ChoicesValueConverter.ReadValue(ref reader, pool)
                    : type == ResultType.PolygonLabels || type == ResultType.Polygon ? PolygonValueConverter.ReadValue(ref reader, pool)
                    : type == ResultType.KeyPointLabels || type == ResultType.KeyPoint ? KeyPointValueConverter.ReadValue(ref reader, pool)
                    : (ResultValue?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(valueClass));
            }
            catch (JsonException)
            {
                // The shape does not match the type (an older or newer Label Studio, or a broken file): keep the
                // JSON as it is so nothing is lost; validation reports the mismatch.
                reader = start;
            }
        }

        return new RawResultValue(JsonElement.ParseValue(ref reader));
    }

    internal static void WriteValue(Utf8JsonWriter writer, ResultValue? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case RawResultValue raw:
                raw.Json.WriteTo(writer);
                break;
            case RectangleValue rectangle:
                RectangleValueConverter.Instance.Write(writer, rectangle, options);
                break;
            case ChoicesValue choices:
                ChoicesValueConverter.Instance.Write(writer, choices, options);
                break;
            case PolygonValue polygon:
                PolygonValueConverter.Instance.Write(writer, polygon, options);
                break;
            case KeyPointValue keyPoint:
                KeyPointValueConverter.Instance.Write(writer, keyPoint, options);
                break;
            default:
                JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
                break;
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader, JsonStringPool? pool = null) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => pool is null ? reader.GetString() : pool.Get(ref reader),
        _ => throw new JsonException($"Expected a string or null, found {reader.TokenType}."),
    };

    private static int? ReadInt32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
        {
            throw new JsonException($"Expected an integer number of pixels or null, found {reader.TokenType}.");
        }

        return number;
    }

    private static double? ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected a number or null, found {reader.TokenType}.");
        }

        return FastDouble.Get(ref reader);
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException($"Expected true, false or null, found {reader.TokenType}."),
    };

    private static List<string>? ReadStringList(ref Utf8JsonReader reader, JsonStringPool? pool)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of strings, found {reader.TokenType}.");
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(ReadString(ref reader, pool) ?? throw new JsonException("Expected a string in the labels array, found null."));
        }

        return list;
    }

    private static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value, ulong present, ulong bit) =>
        DoubleJson.WriteNullableNumber(writer, name, value, (present & bit) != 0);

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value, ulong present, ulong bit)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else if ((present & bit) != 0)
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteBoolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value, ulong present, ulong bit)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
        else if ((present & bit) != 0)
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStringList(Utf8JsonWriter writer, IList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in values)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
