using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>Hand-written reader and writer for polygons (frequent in image exports); see <see cref="RectangleValueConverter"/>.</summary>
internal sealed class PolygonValueConverter : JsonConverter<PolygonValue>
{
    internal const ulong PointsBit = 1, ClosedBit = 2, LabelsBit = 4;

    public static PolygonValueConverter Instance { get; } = new();

    public override PolygonValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PolygonValue ReadValue(ref Utf8JsonReader reader, JsonStringPool? pool)
    {
        ValueReading.ExpectObject(ref reader);
        var value = new PolygonValue();
        ulong present = 0;
        Dictionary<string, JsonElement>? extra = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var propertyName = ValueReading.PropertyName(ref reader);
            switch (propertyName.Length)
            {
                case 6 when propertyName.SequenceEqual("points"u8):
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new JsonException($"Expected an array of [x, y] points, found {reader.TokenType}.");
                    }

                    var points = new List<PercentPoint>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        points.Add(PercentPointConverter.ReadPoint(ref reader));
                    }

                    value.Points = points;
                    present |= PointsBit;
                    break;

                case 6 when propertyName.SequenceEqual("closed"u8):
                    value.Closed = ValueReading.ReadNullableBoolean(ref reader);
                    present |= ClosedBit;
                    break;

                case 13 when propertyName.SequenceEqual("polygonlabels"u8):
                    value.PolygonLabels = ValueReading.ReadStrings(ref reader, pool);
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

    public override void Write(Utf8JsonWriter writer, PolygonValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.IsPresent(PointsBit) || value.Points.Count > 0)
        {
            writer.WriteStartArray("points"u8);
            foreach (var point in value.Points)
            {
                PercentPointConverter.WritePoint(writer, point);
            }

            writer.WriteEndArray();
        }

        ValueReading.WriteNullableBoolean(writer, "closed"u8, value.Closed, value.IsPresent(ClosedBit));
        ValueReading.WriteStrings(writer, "polygonlabels"u8, value.PolygonLabels, value.IsPresent(LabelsBit));
        ValueReading.WriteExtensions(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
