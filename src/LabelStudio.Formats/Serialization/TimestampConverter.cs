using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads ISO 8601 timestamps and writes them the way Label Studio does (<c>2024-01-31T12:00:00.123456Z</c>):
/// UTC as <c>Z</c>, microseconds only when the time has a fraction, so a read and write gives back the same text
/// for what the server sends. A time without an offset is taken as UTC.
/// </summary>
internal sealed class TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be an ISO 8601 string.");
        }

        if (reader.TryGetDateTimeOffset(out var value))
        {
            // Without an offset in the text the reader applies the machine's zone: take it as UTC instead.
            return HasOffset(ref reader) ? value : new DateTimeOffset(value.DateTime, TimeSpan.Zero);
        }

        throw new JsonException("A timestamp must be an ISO 8601 string.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[40];
        var fraction = value.Ticks % TimeSpan.TicksPerSecond;
        var format = fraction == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss"
            : fraction % 10 == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff"
            : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff";
        value.DateTime.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        if (value.Offset == TimeSpan.Zero)
        {
            buffer[written++] = 'Z';
        }
        else
        {
            value.TryFormat(buffer[written..], out var offsetWritten, "zzz", CultureInfo.InvariantCulture);
            written += offsetWritten;
        }

        writer.WriteStringValue(buffer[..written]);
    }

    private static bool HasOffset(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> text = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
        if (text.Length == 0)
        {
            return false;
        }

        if (text[^1] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        // An offset is "+hh:mm" or "-hh:mm" after the time part.
        var timeStart = text.IndexOf((byte)'T');
        return timeStart >= 0 && text[timeStart..].IndexOfAny((byte)'+', (byte)'-') >= 0;
    }
}
