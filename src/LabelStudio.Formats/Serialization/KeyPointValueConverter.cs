using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Hand-written reader and writer for keypoints (frequent in image exports); see <see cref="RectangleValueConverter"/>.</summary>
internal sealed class KeyPointValueConverter : JsonConverter<KeyPointValue>
{
    internal const ulong WidthBit = 1, LabelsBit = 2;

    public static KeyPointValueConverter Instance { get; } = new();

    public override KeyPointValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static KeyPointValue ReadValue(ref Utf8JsonReader reader, JsonStringPool? pool)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new KeyPointValue();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var propertyName = ValueReading.PropertyName(ref reader);
            switch (propertyName.Length)
            {
                case 1 when propertyName.SequenceEqual("x"u8):
                    value.X = ValueReading.ReadDouble(ref reader);
                    break;

                case 1 when propertyName.SequenceEqual("y"u8):
                    value.Y = ValueReading.ReadDouble(ref reader);
                    break;

                case 5 when propertyName.SequenceEqual("width"u8):
                    value.Width = ValueReading.ReadNullableDouble(ref reader);
                    present |= WidthBit;
                    break;

                case 14 when propertyName.SequenceEqual("keypointlabels"u8):
                    value.KeyPointLabels = ValueReading.ReadStrings(ref reader, pool);
                    present |= LabelsBit;
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

    public override void Write(Utf8JsonWriter writer, KeyPointValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x"u8, value.X);
        writer.WriteNumber("y"u8, value.Y);
        ValueReading.WriteNullableNumber(writer, "width"u8, value.Width, value.IsPresent(WidthBit));
        ValueReading.WriteStrings(writer, "keypointlabels"u8, value.KeyPointLabels, value.IsPresent(LabelsBit));
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
