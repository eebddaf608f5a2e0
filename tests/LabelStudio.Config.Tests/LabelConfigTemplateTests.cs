using System.Text.Json;
using System.Xml.Linq;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>Every official Label Studio template (tests/TestData/Config/templates) parses with zero errors.</summary>
public class LabelConfigTemplateTests
{
    // Control and object tag names from the tag reference (config.md §3.1-3.2), written out here so the expected
    // sets come from the template text itself, read with System.Xml.Linq, not from our parser.
    private static readonly HashSet<string> ControlTagNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Choices", "Taxonomy", "Labels", "HyperTextLabels", "ParagraphLabels", "RectangleLabels", "Rectangle", "PolygonLabels", "Polygon",
        "EllipseLabels", "Ellipse", "KeyPointLabels", "KeyPoint", "BrushLabels", "Brush", "MagicWand", "VectorLabels", "Vector", "OcrLabels",
        "VideoRectangle", "TimeSeriesLabels", "TimelineLabels", "TextArea", "Rating", "Number", "DateTime", "Pairwise", "Ranker", "Chat",
    };

    private static readonly HashSet<string> ObjectTagNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Image", "Text", "HyperText", "Audio", "AudioPlus", "Video", "TimeSeries", "Paragraphs", "Table", "List", "Chat", "Pdf",
    };

    private static IEnumerable<TestCaseData> Templates() => ConfigFixtures.Templates();

    [TestCaseSource(nameof(Templates))]
    public void Validate_OfficialTemplate_HasNoErrors(string file, string? sampleData)
    {
        var result = LabelConfig.Validate(ConfigFixtures.ReadTemplate(file));

        result.Errors.Should().BeEmpty("Label Studio ships this template and all its layers accept it");
        result.IsValid.Should().BeTrue();
    }

    [TestCaseSource(nameof(Templates))]
    public void Parse_OfficialTemplate_ExposesDeclaredControlsAndObjects(string file, string? sampleData)
    {
        var xml = ConfigFixtures.ReadTemplate(file);
        var document = XDocument.Parse(xml);
        var elements = document.Descendants().Where(e => !e.Ancestors().Any(a => a.Name.LocalName == "HyperText")).ToList();
        var expectedControls = elements.Where(e => ControlTagNames.Contains(e.Name.LocalName)).Select(e => (string?)e.Attribute("name")).ToList();
        var expectedObjects = elements.Where(e => ObjectTagNames.Contains(e.Name.LocalName)).Select(e => (string?)e.Attribute("name")).ToList();

        var config = LabelConfig.Parse(xml);

        config.Controls.Select(c => c.Name).Should().Equal(expectedControls);
        config.Objects.Select(o => o.Name).Should().Equal(expectedObjects);
        foreach (var control in config.Controls.Where(c => c.ToNames.Count > 0))
        {
            control.Objects.Select(o => o.Name).Should().Equal(control.ToNames, $"every toName of {control} names an object in an official template");
        }
    }

    [TestCaseSource(nameof(Templates))]
    public void Sample_OfficialTemplate_MatchesIndexSampleData(string file, string? sampleData)
    {
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate(file));

        if (sampleData is null)
        {
            // index.json has no sample for this template; a comment may still exist, but then it must be JSON.
            config.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.InvalidSampleData);
            return;
        }

        config.Sample.Should().NotBeNull();
        using var expected = JsonDocument.Parse(sampleData);
        JsonElement.DeepEquals(config.Sample!.Data, expected.RootElement).Should().BeTrue(
            $"the sample data of {file} is {sampleData}, and we read {config.Sample.Data.GetRawText()}");
    }
}
