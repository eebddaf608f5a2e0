using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Token helpers shared by the hand-written converters of the most common result values.</summary>
internal static class ValueReading
{
    /// <summary>
    /// The current property name's unescaped UTF-8 bytes, for the converters' member switch (on the length, then the
    /// bytes): the token's own bytes in the common case; an escaped or split name is decoded (rare, so it may allocate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? UnescapedPropertyName(ref reader) : reader.ValueSpan;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] UnescapedPropertyName(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);

    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number
            ? FastDouble.Get(ref reader)
            : throw new JsonException($"Expected a number, found {reader.TokenType}.");
    }

    public static double? ReadNullableDouble(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => FastDouble.Get(ref reader),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a number or null, found {reader.TokenType}."),
        };
    }

    // The current number token's text (empty for any other token), for IntegerLiteral.
    public static ReadOnlySpan<byte> NumberText(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.Number ? default
        : reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;

    public static bool? ReadNullableBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected true, false or null, found {reader.TokenType}."),
        };
    }

    public static string? ReadNullableString(ref Utf8JsonReader reader, JsonStringPool? pool = null)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => pool is null ? reader.GetString() : pool.Get(ref reader),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or null, found {reader.TokenType}."),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string>? ReadStrings(ref Utf8JsonReader reader, JsonStringPool? pool = null)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of strings, found {reader.TokenType}.");
        }

        var list = new List<string>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.String
                ? pool is null ? reader.GetString()! : pool.Get(ref reader)
                : throw new JsonException($"Expected a string in the array, found {reader.TokenType}."));
        }

        return list;
    }

    public static void AddExtension(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extra)
    {
        var name = reader.GetString()!;
        reader.Read();
        (extra ??= new(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
    }

    public static void WriteExtensions(Utf8JsonWriter writer, IDictionary<string, JsonElement>? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (name, element) in extra)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    public static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<string>? values, bool present)
    {
        if (values is null)
        {
            if (present)
            {
                writer.WriteNull(name);
            }

            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    // Doubles go through DoubleJson (Schubfach digits), as in the value converters: one text for every double written.
    public static void WriteNullableNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value, bool present) =>
        DoubleJson.WriteNullableNumber(writer, name, value, present);

    public static void WriteNullableBoolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value, bool present)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }

    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }
    }

    public static long? ReadNullableInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out var number) ? number : throw new JsonException("Expected an integer."),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected an integer or null, found {reader.TokenType}."),
        };
    }

    public static int? ReadNullableInt32(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt32(out var number) ? number : throw new JsonException("Expected a 32-bit integer."),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected an integer or null, found {reader.TokenType}."),
        };
    }

    public static JsonNode? ReadNode(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : ReadNodeValue(ref reader);
    }

    // Empty objects ("prediction": {}, "meta": {}) are in every task: build them without a JsonDocument.
    public static JsonNode? ReadNodeValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var next = reader;
            if (next.Read() && next.TokenType == JsonTokenType.EndObject)
            {
                reader = next;
                return new JsonObject();
            }
        }

        return JsonNode.Parse(ref reader);
    }

    public static Timestamp? ReadTimestamp(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : TimestampConverter.Instance.Read(ref reader, typeof(Timestamp), options);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Result>? ReadResults(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonStringPool? pool = null)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of results, found {reader.TokenType}.");
        }

        var list = new List<Result>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(ResultConverter.ReadResult(ref reader, options, pool));
        }

        return list;
    }

    // int? arguments bind here too (int? widens to long? before double?), and WriteNumber writes the same digits.
    public static void WriteNullableNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value, bool present)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNullableString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value, bool present)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNode(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonNode? value, bool present, JsonSerializerOptions options)
    {
        if (value is not null)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer, options);
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteTimestamp(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Timestamp? value, bool present)
    {
        if (value is { } timestamp)
        {
            writer.WriteString(name, timestamp.ToString());
        }
        else if (present)
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteResults(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<Result> results, bool present, JsonSerializerOptions options)
    {
        if (!present && results.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var result in results)
        {
            ResultConverter.Instance.Write(writer, result, options);
        }

        writer.WriteEndArray();
    }

    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonConverter<T> converter)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, found {reader.TokenType}.");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(converter.Read(ref reader, typeof(T), options) ?? throw new JsonException("Expected an object in the array, found null."));
        }

        return list;
    }

    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, found {reader.TokenType}.");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException("Expected an object in the array, found null."));
        }

        return list;
    }

    public static void WriteList<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<T> values, bool present, bool writtenAsNull, JsonSerializerOptions options, JsonConverter<T> converter)
    {
        if (writtenAsNull && values.Count == 0)
        {
            writer.WriteNull(name);
            return;
        }

        if (!present && values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            converter.Write(writer, value, options);
        }

        writer.WriteEndArray();
    }

    public static void WriteList<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IList<T> values, bool present, bool writtenAsNull, JsonTypeInfo<T> typeInfo)
    {
        if (writtenAsNull && values.Count == 0)
        {
            writer.WriteNull(name);
            return;
        }

        if (!present && values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        writer.WriteEndArray();
    }
}
