using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Reads and writes <see cref="Timestamp"/> as its ISO 8601 text, unchanged.</summary>
internal sealed class TimestampConverter : JsonConverter<Timestamp>
{
    public static TimestampConverter Instance { get; } = new();

    public override Timestamp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an ISO 8601 timestamp string, found {reader.TokenType}.");
        }

        if (reader.TryGetDateTimeOffset(out var value))
        {
            // The reader's ISO 8601 parser is the fast path; it applies the machine's zone when the text has no
            // offset, which is taken as UTC instead.
            var raw = reader.GetString()!;
            return new Timestamp(Timestamp.HasOffset(raw) ? value : new DateTimeOffset(value.DateTime, TimeSpan.Zero), raw);
        }

        var text = reader.GetString();
        return Timestamp.TryParse(text, out var timestamp)
            ? timestamp
            : throw new JsonException($"Expected an ISO 8601 timestamp, found \"{text}\".");
    }

    public override void Write(Utf8JsonWriter writer, Timestamp value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
