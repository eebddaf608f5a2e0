using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>Reads and writes an <see cref="ExportFormat"/> as its Label Studio name, a JSON string.</summary>
public sealed class ExportFormatJsonConverter : JsonConverter<ExportFormat>
{
    /// <inheritdoc />
    public override ExportFormat Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an export format name as a JSON string, found {reader.TokenType}.");
        }

        var name = reader.GetString();
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new JsonException("Expected an export format name, found an empty string.");
        }

        return new ExportFormat(name);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ExportFormat value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
