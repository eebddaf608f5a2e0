using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

// The official pipeline (formats reference §4): cancelled annotations dropped, the rest newest first (stable, missing
// created_at oldest), each annotation's results grouped by from_name in first-seen order, unknown controls dropped.
public sealed class AnnotationsTests
{
    private static readonly LabelConfig Config = LabelConfig.Parse("""
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="a" toName="image"><Label value="Car"/></RectangleLabels>
          <PolygonLabels name="b" toName="image"><Label value="Road"/></PolygonLabels>
          <KeyPointLabels name="c" toName="image"><Label value="Head"/></KeyPointLabels>
        </View>
        """);

    [TestCase("a,a,b,b", "a,a,b,b")]
    [TestCase("a,b,a,c,b", "a,a,b,b,c")]
    [TestCase("b,a,b", "b,b,a")]
    [TestCase("c,x,c,a", "c,c,a")]
    [TestCase("x", "")]
    [TestCase("a,b,c", "a,b,c")]
    [TestCase("a,b,c,a,c", "a,a,b,c,c")]
    [TestCase("a,b,c,c,b", "a,b,b,c,c")]
    [TestCase("a,x,a,b", "a,a,b")]
    public void ItemsOf_ResultsOfSeveralControls_GroupedInFirstSeenOrder(string fromNames, string expected)
    {
        var results = string.Join(",", fromNames.Split(',').Select((name, i) => $$$"""{"id":"r{{{i}}}","from_name":"{{{name}}}","to_name":"image","type":"choices","value":{}}"""));
        var task = LabelStudioJson.DeserializeTask(Encoding.UTF8.GetBytes($$$"""{"id":1,"data":{"image":"1.jpg"},"annotations":[{"id":7,"result":[{{{results}}}]}]}"""));
        var report = new ConversionReport();

        var items = Annotations.ItemsOf(task, 0, Config, report);

        items.Should().ContainSingle();
        string.Join(",", items[0].Regions.Select(r => r.FromName)).Should().Be(expected);
        report.Issues.Count(i => i.Reason == "control-not-in-config").Should().Be(fromNames.Split(',').Count(n => n == "x"));
    }

    [Test]
    public void ItemsOf_SeveralAnnotations_NewestFirstStableWithMissingDatesLast()
    {
        var task = LabelStudioJson.DeserializeTask("""
            {"id":1,"data":{"image":"1.jpg"},"annotations":[
              {"id":1,"created_at":"2024-01-01T00:00:00Z","result":[]},
              {"id":2,"result":[]},
              {"id":3,"created_at":"2024-03-01T00:00:00Z","result":[]},
              {"id":4,"created_at":"2024-01-01T00:00:00Z","result":[]},
              {"id":5,"created_at":"2024-02-01T00:00:00Z","was_cancelled":true,"result":[]},
              {"id":6,"result":[]}
            ]}
            """u8);
        var report = new ConversionReport();

        var items = Annotations.ItemsOf(task, 0, Config, report);

        items.Select(i => i.Annotation!.Id).Should().Equal(3, 1, 4, 2, 6);
        report.Issues.Should().ContainSingle(i => i.Reason == "cancelled-annotation" && i.AnnotationId == 5);
    }
}
