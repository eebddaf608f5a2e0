using System.Text.Json.Nodes;
using LabelStudio.Config.Building;

namespace LabelStudio.Config.Tests;

public class SampleTasksTests
{
    private static IEnumerable<TestCaseData> Templates() => ConfigFixtures.Templates();

    [TestCaseSource(nameof(Templates))]
    public void CreateData_OfficialTemplate_HasEveryDataKey(string file, string? sampleData)
    {
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate(file));

        var data = SampleTasks.CreateData(config);

        foreach (var key in config.DataKeyNames)
        {
            data.ContainsKey(key).Should().BeTrue($"{file} reads ${key}");
        }
    }

    [Test]
    public void CreateData_Repeater_FillsIndexedPaths()
    {
        // <Repeater on="$document"><Image value="$document[{{idx}}].page"/>
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("computer-vision__multipage-documents.xml"));

        var data = SampleTasks.CreateData(config);

        var pages = data["document"]!.AsArray();
        pages.Should().HaveCount(2);
        pages.Select(p => p!["page"]!.GetValue<string>()).Should().OnlyContain(url => url.EndsWith(".jpg", StringComparison.Ordinal));
    }

    [Test]
    public void CreateData_ShapesByObjectType()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Image name="imgs" valueList="$images"/>
              <Paragraphs name="p" value="$dialogue" nameKey="speaker" textKey="line"/>
              <Chat name="chat" value="$messages"/>
              <Text name="t" value="$text"/>
              <Labels name="l" toName="t" value="$options"/>
              <TimeSeries name="ts" value="$ts" valueType="json" timeColumn="time"><Channel column="temp"/></TimeSeries>
            </View>
            """);

        var data = SampleTasks.CreateData(config);

        data["images"]!.AsArray().Should().HaveCount(2);
        data["dialogue"]![0]!["speaker"]!.GetValue<string>().Should().NotBeEmpty();
        data["dialogue"]![0]!["line"]!.GetValue<string>().Should().NotBeEmpty();
        data["messages"]![0]!["role"]!.GetValue<string>().Should().Be("user");
        data["text"]!.GetValue<string>().Should().NotBeEmpty();
        data["options"]![0]!["value"]!.GetValue<string>().Should().NotBeEmpty();
        data["ts"]!.AsObject().Select(p => p.Key).Should().Equal("time", "temp");
    }

    [Test]
    public void CreateData_PreferEmbedded_ReturnsTemplateSample()
    {
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("computer-vision__multipage-documents.xml"));

        var data = SampleTasks.CreateData(config, preferEmbedded: true);

        data["document"]![0]!["page"]!.GetValue<string>().Should().EndWith("0001.jpg", "the embedded sample's first page is 0001.jpg");
        JsonNode.Parse(SampleTasks.CreateTaskJson(config))!["data"].Should().NotBeNull();
    }
}
