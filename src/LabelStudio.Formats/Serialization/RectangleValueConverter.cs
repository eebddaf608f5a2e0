using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Hand-written reader and writer for the most frequent value (boxes): a large share of every image export, read
/// without the serializer's per-value setup. Same rules as the generated contracts: unknown members kept,
/// explicit nulls written back.
/// </summary>
internal sealed class RectangleValueConverter : JsonConverter<RectangleValue>
{
    internal const ulong RotationBit = 1, LabelsBit = 2;

    public static RectangleValueConverter Instance { get; } = new();

    public override RectangleValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RectangleValue ReadValue(ref Utf8JsonReader reader, JsonStringPool? pool)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new RectangleValue();
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
                    value.Width = ValueReading.ReadDouble(ref reader);
                    break;

                case 6 when propertyName.SequenceEqual("height"u8):
                    value.Height = ValueReading.ReadDouble(ref reader);
                    break;

                case 8 when propertyName.SequenceEqual("rotation"u8):
                    value.Rotation = ValueReading.ReadNullableDouble(ref reader);
                    present |= RotationBit;
                    break;

                case 15 when propertyName.SequenceEqual("rectanglelabels"u8):
                    value.RectangleLabels = ValueReading.ReadStrings(ref reader, pool);
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

    public override void Write(Utf8JsonWriter writer, RectangleValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x"u8, value.X);
        writer.WriteNumber("y"u8, value.Y);
        writer.WriteNumber("width"u8, value.Width);
        writer.WriteNumber("height"u8, value.Height);
        ValueReading.WriteNullableNumber(writer, "rotation"u8, value.Rotation, value.IsPresent(RotationBit));
        ValueReading.WriteStrings(writer, "rectanglelabels"u8, value.RectangleLabels, value.IsPresent(LabelsBit));
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
