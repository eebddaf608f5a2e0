using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

public class ExportSchemaTests
{
    // Two templates where one is a prefix of the other: the official converter takes the longest matching one.
    private const string Config = """
        <View>
          <Repeater on="$pages" indexFlag="{{idx}}">
            <Image name="page_{{idx}}" value="$pages[{{idx}}].url"/>
            <RectangleLabels name="labels_{{idx}}" toName="page_{{idx}}"><Label value="A"/></RectangleLabels>
            <Choices name="labels_{{idx}}_extra" toName="page_{{idx}}"><Choice value="B"/></Choices>
          </Repeater>
          <Text name="text" value="$text"/>
          <Labels name="spans" toName="text"><Label value="C"/></Labels>
        </View>
        """;

    [TestCase("labels_0", "RectangleLabels")]
    [TestCase("labels_12", "RectangleLabels")]
    [TestCase("labels_3_extra", "Choices")]
    [TestCase("spans", "Labels")]
    [TestCase("labels_", null)]
    [TestCase("labels_x", null)]
    [TestCase("labels_1_other", null)]
    [TestCase("labels_{{idx}}", "RectangleLabels")]
    public void ControlType_RepeaterTemplate_MatchesIndexedNames(string fromName, string? expected)
    {
        var schema = ExportSchema.From(LabelConfig.Parse(Config));

        schema.ControlType(fromName).Should().Be(expected);
    }
}
