using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>Doubles of the source-generated value types (ellipse here) are written as the hand-written converters write them.</summary>
public class FiniteDoubleConverterTests
{
    // 2^-25 and 2^-958 are where .NET's own shortest text is not the shortest that parses back (see ShortestDouble);
    // the others are ordinary edges. Whatever the text, it must parse back to the very same double, and it must be the
    // text a rectangle's x (hand-written converter) gets for the same value.
    private static readonly double[] Values = [Math.ScaleB(1, -25), Math.ScaleB(1, -958), 0.1 + 0.2, 1e21, 5e-324, -0.0, 26.827389647638];

    [TestCaseSource(nameof(Values))]
    public void Write_EllipseCoordinate_ParsesBackAndMatchesTheRectangleText(double value)
    {
        var ellipse = Write(new EllipseValue { X = value, Y = 1, RadiusX = 1, RadiusY = 1 }, "ellipse");
        var rectangle = Write(new RectangleValue { X = value, Y = 1, Width = 1, Height = 1 }, "rectangle");

        var ellipseText = ellipse["value"]!["x"]!.ToJsonString();
        ellipseText.Should().Be(rectangle["value"]!["x"]!.ToJsonString());
        BitConverter.DoubleToInt64Bits(double.Parse(ellipseText, CultureInfo.InvariantCulture)).Should().Be(BitConverter.DoubleToInt64Bits(value));
    }

    private static JsonNode Write(ResultValue value, string type)
    {
        var result = new Result { Type = new ResultType(type), Value = value };
        return JsonNode.Parse(Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(result)))!;
    }
}
