using LabelStudio.Config.Changes;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

public class ConfigChangeCheckTests
{
    private static readonly LabelConfig Old = LabelConfig.Parse("""
        <View>
          <Image name="img" value="$image"/>
          <RectangleLabels name="box" toName="img"><Label value="Cat"/><Label value="Dog"/><Label value="Bird"/></RectangleLabels>
          <TextArea name="note" toName="img"/>
        </View>
        """);

    private static readonly AnnotationUsageSummary Usage = new(
        [new ResultUsage("box", "img", "rectanglelabels", 5), new ResultUsage("note", "img", "textarea", 2)],
        [new LabelUsage("box", "Cat", 3), new LabelUsage("box", "Dog", 2)]);

    [Test]
    public void Check_AddingLabel_IsSafe()
    {
        var next = LabelConfig.Parse(Old.Xml.Replace("<Label value=\"Bird\"/>", "<Label value=\"Bird\"/><Label value=\"Fish\"/>", StringComparison.Ordinal));

        ConfigChangeCheck.Check(Old, next, Usage).Should().BeEmpty();
    }

    [Test]
    public void Check_RemovingUnusedLabel_IsSafe()
    {
        var next = LabelConfig.Parse(Old.Xml.Replace("<Label value=\"Bird\"/>", string.Empty, StringComparison.Ordinal));

        ConfigChangeCheck.Check(Old, next, Usage).Should().BeEmpty("no annotation uses Bird");
    }

    [Test]
    public void Check_RemovingUsedLabel_NamesControlAndLabel()
    {
        var next = LabelConfig.Parse(Old.Xml.Replace("<Label value=\"Dog\"/>", string.Empty, StringComparison.Ordinal));

        var problem = ConfigChangeCheck.Check(Old, next, Usage).Should().ContainSingle().Which;

        problem.Code.Should().Be(DiagnosticCodes.ChangeRemovesUsedLabels);
        problem.Message.Should().Contain("box").And.Contain("\"Dog\" (2)");
        problem.Line.Should().Be(3);
    }

    [Test]
    public void Check_RemovingUsedControl_Incompatible()
    {
        var next = LabelConfig.Parse("""<View><Image name="img" value="$image"/><TextArea name="note" toName="img"/></View>""");

        var problems = ConfigChangeCheck.Check(Old, next, Usage);

        problems.Should().ContainSingle().Which.Message.Should().Contain("from_name=box").And.Contain("5 result(s)");
    }

    [Test]
    public void Check_ChangingControlType_Incompatible()
    {
        var next = LabelConfig.Parse(Old.Xml.Replace("RectangleLabels", "PolygonLabels", StringComparison.Ordinal));

        var problem = ConfigChangeCheck.Check(Old, next, Usage).Should().ContainSingle().Which;

        problem.Code.Should().Be(DiagnosticCodes.ChangeBreaksAnnotations);
        problem.Message.Should().Contain("type=rectanglelabels").And.Contain("polygonlabels");
    }

    [Test]
    public void Check_TextAreaRemoved_ExemptAsOnServer()
    {
        var next = LabelConfig.Parse(Old.Xml.Replace("<TextArea name=\"note\" toName=\"img\"/>", string.Empty, StringComparison.Ordinal));

        ConfigChangeCheck.Check(Old, next, Usage).Should().BeEmpty();
    }

    [Test]
    public void Check_DynamicLabels_LabelsRuleSkipped()
    {
        var next = LabelConfig.Parse("""<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="img" value="$labels"/><TextArea name="note" toName="img"/></View>""");

        ConfigChangeCheck.Check(Old, next, Usage).Should().BeEmpty();
    }

    [Test]
    public void Check_NoAnnotations_AlwaysSafe()
    {
        var next = LabelConfig.Parse("""<View><Text name="t" value="$t"/></View>""");

        ConfigChangeCheck.Check(Old, next, AnnotationUsageSummary.Empty).Should().BeEmpty();
    }
}
