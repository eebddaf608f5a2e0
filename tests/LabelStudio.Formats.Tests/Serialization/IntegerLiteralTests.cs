using System.Text;
using System.Text.Json;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// <see cref="IntegerLiteral"/> and the models' memory of it: an integer literal read into a double-typed member
/// (<c>lead_time</c>, <c>agreement</c>) is remembered by both readers and written back as that integer.
/// </summary>
public class IntegerLiteralTests
{
    private const int ElementDepth = 63;

    // A JSON number is an int to Python when it has neither fraction nor exponent.
    [TestCase("36", true)]
    [TestCase("-0", true)]
    [TestCase("36.0", false)]
    [TestCase("1E2", false)]
    [TestCase("1e-05", false)]
    [TestCase("null", false)]
    public void Read_LeadTimeAndAgreement_IntegerLiteralRememberedByBothReaders(string literal, bool isInteger)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"id":1,"data":{},"agreement":{{literal}},"annotations":[{"id":2,"result":[],"lead_time":{{literal}}}]}""");

        FastTaskReader.TryRead(json, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var fast).Should().BeTrue();
        var exact = LabelStudioJson.DeserializeTask(json);

        foreach (var task in new[] { fast!, exact })
        {
            task.AgreementIsInteger.Should().Be(isInteger);
            task.Annotations[0].LeadTimeIsInteger.Should().Be(isInteger);
        }
    }

    // 2^53 + 1 reads as the double 2^53: only the remembered exact value gives the int back (Python's ints are exact).
    [TestCase("9007199254740993")]
    [TestCase("-9007199254740993")]
    [TestCase("9223372036854775807")]
    [TestCase("36")]
    [TestCase("-0")]
    public void Serialize_IntegerLiteralRead_WrittenBackAsTheSameInteger(string literal)
    {
        var json = Encoding.UTF8.GetBytes($$"""{"id":1,"data":{},"agreement":{{literal}},"annotations":[{"id":2,"result":[],"lead_time":{{literal}}}]}""");
        var expected = literal == "-0" ? "0" : literal;

        FastTaskReader.TryRead(json, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var fast).Should().BeTrue();
        foreach (var task in new[] { fast!, LabelStudioJson.DeserializeTask(json) })
        {
            using var written = JsonDocument.Parse(LabelStudioJson.SerializeToUtf8Bytes(task));
            written.RootElement.GetProperty("agreement").GetRawText().Should().Be(expected);
            written.RootElement.GetProperty("annotations")[0].GetProperty("lead_time").GetRawText().Should().Be(expected);
        }
    }

    [Test]
    public void LeadTime_SetAfterAnIntegerRead_NoLongerAnInteger()
    {
        var task = LabelStudioJson.DeserializeTask("""{"id":1,"data":{},"agreement":9007199254740993,"annotations":[{"id":2,"result":[],"lead_time":9007199254740993}]}"""u8.ToArray());
        var annotation = task.Annotations[0];

        annotation.LeadTime = 36.5;
        task.Agreement = 2;

        annotation.LeadTimeIsInteger.Should().BeFalse();
        annotation.LeadTimeExact.Should().BeNull();
        task.AgreementIsInteger.Should().BeFalse();
        task.AgreementExact.Should().BeNull();
    }

    // Beyond 2^53 without the literal (a value set in code) the double's own integer is all there is.
    [TestCase(36d, null, "36")]
    [TestCase(-0d, null, "0")]
    [TestCase(9007199254740992d, 9007199254740993L, "9007199254740993")]
    [TestCase(1e19, null, "10000000000000000000")]
    public void Format_IntegralValue_PythonIntText(double value, long? exact, string expected)
    {
        var buffer = new byte[IntegerLiteral.MaxLength];

        var length = IntegerLiteral.Format(value, exact, buffer);

        Encoding.ASCII.GetString(buffer, 0, length).Should().Be(expected);
    }

    // ujson 5 formats floats with double-conversion's ToShortest: decimal notation for exponents in [-4, 16) with a
    // trailing ".0", otherwise d[.ddd]e±x with no padding of the exponent (Python's repr pads it to two digits).
    [TestCase(36d, "36.0")]
    [TestCase(-0d, "-0.0")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-5")]
    [TestCase(1.5e-7, "1.5e-7")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1.5e300, "1.5e+300")]
    [TestCase(123456.789, "123456.789")]
    public void FormatUjson_Value_DoubleConversionShortestText(double value, string expected) =>
        PythonFloat.FormatUjson(value).Should().Be(expected);
}
