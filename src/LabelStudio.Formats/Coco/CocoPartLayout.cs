using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// The fixed text of the image and annotation objects in result.json's <c>images</c> and <c>annotations</c>
/// arrays, as <see cref="UjsonWriter"/> lays them out there (ujson's indent 2: objects at 4 spaces, their members
/// at 6, array items at 8, a polygon's coordinates at 10). Every object of a part has the same members in the same
/// order, so the names, separators and indentation between two values are one constant each, copied with one call
/// instead of a name, a separator decision and an indentation fill per member. <c>CocoPartLayoutTests</c> check
/// each shape against <see cref="UjsonWriter"/>'s own output.
/// </summary>
internal static class CocoPartLayout
{
    // An object opens on a new line; the comma before it (all but the first of the part) is a hole the ordered
    // consumer fills, so it is not part of these constants.
    public static ReadOnlySpan<byte> ImageWidth => "\n    {\n      \"width\": "u8;

    public static ReadOnlySpan<byte> ImageHeight => ",\n      \"height\": "u8;

    public static ReadOnlySpan<byte> ImageId => ",\n      \"id\": "u8;

    public static ReadOnlySpan<byte> ImageFileName => ",\n      \"file_name\": "u8;

    public static ReadOnlySpan<byte> ObjectEnd => "\n    }"u8;

    public static ReadOnlySpan<byte> AnnotationId => "\n    {\n      \"id\": "u8;

    public static ReadOnlySpan<byte> AnnotationImageId => ",\n      \"image_id\": "u8;

    public static ReadOnlySpan<byte> AnnotationCategoryId => ",\n      \"category_id\": "u8;

    /// <summary>A rectangle's empty segmentation, then the bounding box up to its first number.</summary>
    public static ReadOnlySpan<byte> RectangleBoxStart => ",\n      \"segmentation\": [],\n      \"bbox\": [\n        "u8;

    /// <summary>Between two numbers of a member's array.</summary>
    public static ReadOnlySpan<byte> ItemSeparator => ",\n        "u8;

    /// <summary>The bounding box's end, the two fixed flags, then the area's name.</summary>
    public static ReadOnlySpan<byte> BoxEndThenArea => "\n      ],\n      \"ignore\": 0,\n      \"iscrowd\": 0,\n      \"area\": "u8;

    /// <summary>A polygon's segmentation: one list of coordinates, up to its first number.</summary>
    public static ReadOnlySpan<byte> PolygonStart => ",\n      \"segmentation\": [\n        [\n          "u8;

    /// <summary>Between two coordinates of a polygon.</summary>
    public static ReadOnlySpan<byte> CoordinateSeparator => ",\n          "u8;

    /// <summary>The segmentation's end, then the bounding box up to its first number.</summary>
    public static ReadOnlySpan<byte> PolygonEndThenBox => "\n        ]\n      ],\n      \"bbox\": [\n        "u8;

    public static ReadOnlySpan<byte> KeyPointsStart => ",\n      \"keypoints\": [\n        "u8;

    public static ReadOnlySpan<byte> KeyPointsEndThenCount => "\n      ],\n      \"num_keypoints\": "u8;

    public static ReadOnlySpan<byte> KeyPointBoxStart => ",\n      \"bbox\": [\n        "u8;

    public static ReadOnlySpan<byte> KeyPointBoxEnd => "\n      ],\n      \"iscrowd\": 0\n    }"u8;

    /// <summary>Writes <paramref name="text"/> then a float as ujson writes it (<c>1.92e-5</c>) in one reservation.</summary>
    public static void TextThenFloat(Utf8Buffer output, ReadOnlySpan<byte> text, double value)
    {
        var span = output.GetSpan(text.Length + ShortestDouble.MaxLength);
        text.CopyTo(span);
        output.Advance(text.Length + PythonFloat.WriteUjson(value, span[text.Length..]));
    }

    /// <summary>Writes <paramref name="text"/> then an integer in one reservation.</summary>
    public static void TextThenInt(Utf8Buffer output, ReadOnlySpan<byte> text, long value)
    {
        var span = output.GetSpan(text.Length + 20);
        text.CopyTo(span);
        output.Advance(text.Length + Utf8Buffer.FormatInt(value, span[text.Length..]));
    }
}
