using System.Text;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Coco;

// The COCO writer copies fixed pieces of text between the values of its objects. Each test writes one object both
// ways: through UjsonWriter (ujson's indent-2 layout, at the depth of result.json's images/annotations arrays) and
// from the constants in the order the writer uses them; the two texts must be the same.
public sealed class CocoPartLayoutTests
{
    [Test]
    public void Constants_RectangleAnnotation_MatchUjsonLayout()
    {
        var expected = Ujson(json =>
        {
            json.StartObject();
            json.Property("id"u8, 4);
            json.Property("image_id"u8, 2);
            json.Property("category_id"u8, 13);
            json.Name("segmentation"u8);
            json.StartArray();
            json.EndArray();
            json.Name("bbox"u8);
            json.StartArray();
            json.Float(431.27553196963197);
            json.Float(21.0391995110724);
            json.Float(445.8489516026688);
            json.Float(356.755828562064);
            json.EndArray();
            json.Property("ignore"u8, 0);
            json.Property("iscrowd"u8, 0);
            json.Property("area"u8, 159059.21214253767);
            json.EndObject();
        });

        var output = new Utf8Buffer(8);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationId, 4);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationImageId, 2);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationCategoryId, 13);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.RectangleBoxStart, 431.27553196963197);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 21.0391995110724);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 445.8489516026688);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 356.755828562064);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.BoxEndThenArea, 159059.21214253767);
        output.Write(CocoPartLayout.ObjectEnd);

        Text(output).Should().Be(expected);
    }

    [Test]
    public void Constants_PolygonAnnotation_MatchUjsonLayout()
    {
        double[] coordinates = [10.5, 20, 30.25, 40, 50, 1e-05];
        var expected = Ujson(json =>
        {
            json.StartObject();
            json.Property("id"u8, 0);
            json.Property("image_id"u8, 0);
            json.Property("category_id"u8, 1);
            json.Name("segmentation"u8);
            json.StartArray();
            json.StartArray();
            foreach (var c in coordinates)
            {
                json.Float(c);
            }

            json.EndArray();
            json.EndArray();
            json.Name("bbox"u8);
            json.StartArray();
            json.Float(10.5);
            json.Float(1e-05);
            json.Float(39.5);
            json.Float(39.99999);
            json.EndArray();
            json.Property("ignore"u8, 0);
            json.Property("iscrowd"u8, 0);
            json.Property("area"u8, 0.0);
            json.EndObject();
        });

        var output = new Utf8Buffer(8);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationId, 0);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationImageId, 0);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationCategoryId, 1);
        var separator = CocoPartLayout.PolygonStart;
        foreach (var c in coordinates)
        {
            CocoPartLayout.TextThenFloat(output, separator, c);
            separator = CocoPartLayout.CoordinateSeparator;
        }

        CocoPartLayout.TextThenFloat(output, CocoPartLayout.PolygonEndThenBox, 10.5);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 1e-05);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 39.5);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ItemSeparator, 39.99999);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.BoxEndThenArea, 0.0);
        output.Write(CocoPartLayout.ObjectEnd);

        Text(output).Should().Be(expected);
    }

    [Test]
    public void Constants_KeyPointAnnotation_MatchUjsonLayout()
    {
        long[] values = [12, 34, 2, 0, 0, 0];
        var expected = Ujson(json =>
        {
            json.StartObject();
            json.Property("id"u8, 9);
            json.Property("image_id"u8, 3);
            json.Property("category_id"u8, 6);
            json.Name("keypoints"u8);
            json.StartArray();
            foreach (var v in values)
            {
                json.Int(v);
            }

            json.EndArray();
            json.Property("num_keypoints"u8, 1);
            json.Name("bbox"u8);
            json.StartArray();
            json.Int(12);
            json.Int(34);
            json.Int(0);
            json.Int(0);
            json.EndArray();
            json.Property("iscrowd"u8, 0);
            json.EndObject();
        });

        var output = new Utf8Buffer(8);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationId, 9);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationImageId, 3);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.AnnotationCategoryId, 6);
        var separator = CocoPartLayout.KeyPointsStart;
        foreach (var v in values)
        {
            CocoPartLayout.TextThenInt(output, separator, v);
            separator = CocoPartLayout.ItemSeparator;
        }

        CocoPartLayout.TextThenInt(output, CocoPartLayout.KeyPointsEndThenCount, 1);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.KeyPointBoxStart, 12);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, 34);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, 0);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ItemSeparator, 0);
        output.Write(CocoPartLayout.KeyPointBoxEnd);

        Text(output).Should().Be(expected);
    }

    [Test]
    public void Constants_Image_MatchUjsonLayout()
    {
        var expected = Ujson(json =>
        {
            json.StartObject();
            json.Property("width"u8, 1920);
            json.Property("height"u8, 1080.5);
            json.Property("id"u8, 17);
            json.Property("file_name"u8, "/data/upload/7/a.jpg");
            json.EndObject();
        });

        var output = new Utf8Buffer(8);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ImageWidth, 1920);
        CocoPartLayout.TextThenFloat(output, CocoPartLayout.ImageHeight, 1080.5);
        CocoPartLayout.TextThenInt(output, CocoPartLayout.ImageId, 17);
        output.Write(CocoPartLayout.ImageFileName);
        UjsonWriter.WriteQuoted(output, "/data/upload/7/a.jpg");
        output.Write(CocoPartLayout.ObjectEnd);

        Text(output).Should().Be(expected);
    }

    // One object as the first item of a part: the part array is open at depth 1 (result.json's top-level member).
    private static string Ujson(Action<UjsonWriter> write)
    {
        var json = new UjsonWriter(new Utf8Buffer(8), baseDepth: 1);
        json.BeginSplicedArray();
        write(json);
        return Text(json.Output);
    }

    private static string Text(Utf8Buffer buffer) => Encoding.UTF8.GetString(buffer.WrittenSpan);
}
