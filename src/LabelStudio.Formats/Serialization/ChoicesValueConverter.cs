using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Hand-written reader and writer for choices (in most projects); see <see cref="RectangleValueConverter"/>.</summary>
internal sealed class ChoicesValueConverter : JsonConverter<ChoicesValue>
{
    internal const ulong ChoicesBit = 1;

    public static ChoicesValueConverter Instance { get; } = new();

    public override ChoicesValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ChoicesValue ReadValue(ref Utf8JsonReader reader, JsonStringPool? pool)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new ChoicesValue();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var propertyName = ValueReading.PropertyName(ref reader);
            switch (propertyName.Length)
            {
                case 7 when propertyName.SequenceEqual("choices"u8):
                    // null would not survive (the property is never null), so it is not a shape this type holds.
                    value.Choices = ValueReading.ReadStrings(ref reader, pool) ?? throw new JsonException("Expected an array of choices, found null.");
                    present |= ChoicesBit;
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

    public override void Write(Utf8JsonWriter writer, ChoicesValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.IsPresent(ChoicesBit) || value.Choices.Count > 0)
        {
            ValueReading.WriteStrings(writer, "choices"u8, value.Choices, present: true);
        }

        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
