using LabelStudio.Config.Building;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

public class LabelConfigBuilderTests
{
    [Test]
    public void Build_ObjectsControlsChoicesTaxonomy_RoundTripsToSameModel()
    {
        var builder = new LabelConfigBuilder()
            .AddHeader("Label the image & the text")
            .AddObject("Image", "image", "$image", new Dictionary<string, string> { ["zoom"] = "true" })
            .AddObject("Text", "text", "$text")
            .AddControl("RectangleLabels", "box", "image", [new LabelNode("Cat", Background: "red"), "Dog \"quoted\" <b>"])
            .AddChoices("sentiment", "text", ["Positive", "Negative"], multiple: true)
            .AddTaxonomy("tax", "text", [new LabelNode("Animal", [new("Mammal"), new("Bird")]), "Plant"]);

        var config = builder.Build();

        config.Objects.Select(o => (o.TagName, o.Name, o.Value)).Should().Equal(("Image", "image", "$image"), ("Text", "text", "$text"));
        config.GetObject("image").GetBoolean("zoom").Should().BeTrue();
        config.Controls.Select(c => (c.TagName, c.Name)).Should().Equal(("RectangleLabels", "box"), ("Choices", "sentiment"), ("Taxonomy", "tax"));
        config.GetControl("box").LabelValues.Should().Equal("Cat", "Dog \"quoted\" <b>");
        config.GetControl("box").Labels[0].Background.Should().Be("red");
        config.GetControl("sentiment").IsMultipleChoice.Should().BeTrue();
        config.GetControl("sentiment").LabelValues.Should().Equal("Positive", "Negative");
        config.GetControl("tax").Labels.Single(l => l.Value == "Bird").LabelPath.Should().Equal("Animal", "Bird");
        config.Tags.Single(t => t.TagName == "Header").GetAttribute("value").Should().Be("Label the image & the text");
        config.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void ToXml_ParsedConfigRebuilt_SameXmlAgain()
    {
        var first = new LabelConfigBuilder()
            .AddObject("Audio", "audio", "$audio")
            .AddControl("Labels", "speaker", "audio", ["A", "B"])
            .AddControl("TextArea", "transcript", "audio", attributes: new Dictionary<string, string> { ["perRegion"] = "true" });
        var config = first.Build();

        // Rebuild from the parsed model: the written XML must be identical.
        var second = new LabelConfigBuilder();
        foreach (var tag in config.Root.Children)
        {
            var extra = tag.Attributes.Where(a => a.Key is not ("name" or "value" or "toName")).ToDictionary(a => a.Key, a => a.Value);
            if (tag is ObjectTag o)
            {
                second.AddObject(o.TagName, o.Name!, o.Value!, extra);
            }
            else if (tag is ControlTag c)
            {
                second.AddControl(c.TagName, c.Name!, string.Join(",", c.ToNames), c.Labels.Select(l => new LabelNode(l.Value!)), extra);
            }
        }

        second.ToXml().Should().Be(first.ToXml());
    }

    [Test]
    public void Build_ToUnknownObject_ThrowsWithDiagnostic()
    {
        var act = () => new LabelConfigBuilder().AddObject("Text", "text", "$text").AddChoices("c", "txt", ["A"]).Build();

        act.Should().Throw<LabelConfigException>().Which.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.UnknownToName);
    }

    [Test]
    public void AddControl_LowercaseTagName_WrittenCanonical()
    {
        var xml = new LabelConfigBuilder().AddObject("image", "i", "$i").AddControl("rectanglelabels", "r", "i", ["x"]).ToXml();

        xml.Should().Contain("<Image ").And.Contain("<RectangleLabels ").And.Contain("<Label value=\"x\" />");
    }
}
