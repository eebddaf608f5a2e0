using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Http;

/// <summary>An extensible-enum struct: any server string round-trips, known values have names.</summary>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    static abstract TSelf FromString(string value);

    string Value { get; }
}

/// <summary>Reads and writes an extensible-enum struct as its JSON string.</summary>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => T.FromString(reader.GetString()!),
        JsonTokenType.Number => T.FromString(reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
