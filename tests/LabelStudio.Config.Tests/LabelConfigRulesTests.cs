using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>The validation rules one by one, on small configs written for each rule.</summary>
public class LabelConfigRulesTests
{
    private static ConfigValidationResult Check(string body, LabelConfigOptions? options = null) =>
        LabelConfig.Validate("<View>\n" + body + "\n</View>", options);

    [Test]
    public void Validate_EveryProblemAtOnce_ReportsAllInDocumentOrder()
    {
        var result = Check("""
            <Imagee name="img" value="$image"/>
            <Choices name="c" toName="picture" choice="several"><Choice value="A"/></Choices>
            <Text name="c" value="$t"/>
            """);

        result.Errors.Select(d => d.Code).Should().Equal(
            DiagnosticCodes.UnknownTag, DiagnosticCodes.InvalidEnumValue, DiagnosticCodes.UnknownToName, DiagnosticCodes.DuplicateName);
        result.Errors.Select(d => d.Line).Should().Equal(2, 3, 3, 4);
    }

    [Test]
    public void Validate_UnknownTagDowngraded_IsWarning()
    {
        var result = Check("""<Text name="t" value="$t"/><FancyNewTag name="n" toName="t"/>""", new LabelConfigOptions { UnknownTagSeverity = DiagnosticSeverity.Warning });

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle(d => d.Code == DiagnosticCodes.UnknownTag);
    }

    [Test]
    public void Parse_UnknownTagWithNameAndToName_TreatedAsGenericControl()
    {
        var config = LabelConfig.Parse("""<View><Text name="t" value="$t"/><FancyNewTag name="n" toName="t"/></View>""",
            new LabelConfigOptions { UnknownTagSeverity = DiagnosticSeverity.Warning });

        var control = config.GetControl("n");
        control.ResultType.Should().Be("fancynewtag", "results use the lowercased tag name");
        control.Objects.Should().ContainSingle().Which.Name.Should().Be("t");
    }

    [Test]
    public void Validate_LowercaseLabelUnderParagraphLabels_WarningAndLabelCounted()
    {
        // HumanSignal/label-studio#841: <label> renders in the editor; we read it as a Label and warn.
        var config = LabelConfig.Parse("""
            <View><Paragraphs name="p" value="$dialogue"/>
            <ParagraphLabels name="pl" toName="p"><label value="Greeting"/></ParagraphLabels></View>
            """);

        config.GetControl("pl").LabelValues.Should().Equal("Greeting");
        config.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.TagNameCase && d.Severity == DiagnosticSeverity.Warning);
    }

    [Test]
    public void Validate_LowercaseLabelUnderLabels_ErrorBecauseServerSchemaNeedsLabel()
    {
        var result = Check("""<Text name="t" value="$t"/><Labels name="l" toName="t"><label value="PER"/></Labels>""");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.NoLabels);
    }

    [Test]
    public void Validate_LowercaseToNameOnTagServerDoesNotCheck_Warning()
    {
        var result = Check("""<Image name="img" value="$i"/><RectangleLabels name="r" toname="img"><Label value="Cat"/></RectangleLabels>""");

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle(d => d.Code == DiagnosticCodes.AttributeNameCase);
    }

    [Test]
    public void Validate_MisspelledAttribute_WarnsWithSuggestion()
    {
        var result = Check("""<Text name="t" value="$t"/><Choices name="c" toName="t" showInlin="true"><Choice value="A"/></Choices>""");

        var warning = result.Warnings.Should().ContainSingle().Which;
        warning.Code.Should().Be(DiagnosticCodes.UnknownAttribute);
        warning.Hint.Should().Contain("showInline");
    }

    [Test]
    public void Validate_ToNameWithSpaces_TrimmedAndResolved()
    {
        // Python's server regex splits "a, b" without trimming and rejects it; the editor trims.
        var config = LabelConfig.Parse("""<View><Text name="a" value="$a"/><Text name="b" value="$b"/><Pairwise name="pw" toName="a, b"/></View>""");

        config.GetControl("pw").Objects.Select(o => o.Name).Should().Equal("a", "b");
    }

    [Test]
    public void Validate_NameInsideCommentOrAttribute_NotCounted()
    {
        var result = Check("""
            <!-- <Text name="t" value="$old"/> -->
            <Header value='see name="t"'/>
            <Text name="t" value="$t"/>
            """);

        result.IsValid.Should().BeTrue("only real name attributes are names, unlike Python's regex");
    }

    [Test]
    public void Validate_LabelOutsideControl_Misplaced()
    {
        var result = Check("""<Text name="t" value="$t"/><Label value="orphan"/>""");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MisplacedTag);
    }

    [Test]
    public void Validate_ChannelOutsideTimeSeries_Misplaced()
    {
        Check("""<Channel column="x"/>""").Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.MisplacedTag);
    }

    [Test]
    public void Validate_EmptyRectangleLabels_NoLabels()
    {
        Check("""<Image name="i" value="$i"/><RectangleLabels name="r" toName="i"/>""")
            .Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.NoLabels);
    }

    [Test]
    public void Validate_DynamicLabels_NoChildrenNeeded()
    {
        Check("""<Image name="i" value="$i"/><RectangleLabels name="r" toName="i" value="$labels"/>""").IsValid.Should().BeTrue();
    }

    [Test]
    public void Validate_DuplicateLabelValue_Warning()
    {
        var result = Check("""<Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/><Label value="A"/></Labels>""");

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Line.Should().Be(2);
    }

    [Test]
    public void Validate_TaxonomySameValueUnderDifferentParents_NotDuplicate()
    {
        var result = Check("""
            <Text name="t" value="$t"/>
            <Taxonomy name="tx" toName="t"><Choice value="Animal"><Choice value="Other"/></Choice><Choice value="Plant"><Choice value="Other"/></Choice></Taxonomy>
            """);

        result.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Validate_RepeaterNameWithoutIndex_Error()
    {
        var result = Check("""
            <Repeater on="$pages" indexFlag="{{idx}}">
              <Image name="page" value="$pages[{{idx}}].url"/>
            </Repeater>
            """);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.RepeaterNameNotIndexed);
    }

    [Test]
    public void Validate_RepeaterWithoutOn_Error()
    {
        Check("""<Repeater><Text name="t_{{idx}}" value="$t"/></Repeater>""").Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.RepeaterWithoutList);
    }

    [Test]
    public void Validate_WhenTagNameUnknown_Error()
    {
        var result = Check("""
            <Image name="i" value="$i"/>
            <RectangleLabels name="r" toName="i"><Label value="Cat"/></RectangleLabels>
            <Choices name="c" toName="i" perRegion="true" whenTagName="rr"><Choice value="A"/></Choices>
            """);

        var error = result.Errors.Should().ContainSingle().Which;
        error.Code.Should().Be(DiagnosticCodes.UnknownConditionTag);
        error.Hint.Should().Contain("\"r\"");
    }

    [TestCase("zoom=\"yes\"", DiagnosticCodes.InvalidBoolean)]
    [TestCase("gridSize=\"big\"", DiagnosticCodes.InvalidNumber)]
    [TestCase("defaultZoom=\"huge\"", DiagnosticCodes.InvalidEnumValue)]
    public void Validate_BadAttributeValue_TypedError(string attribute, string code)
    {
        Check($"<Image name=\"i\" value=\"$i\" {attribute}/>").Errors.Should().ContainSingle().Which.Code.Should().Be(code);
    }

    [Test]
    public void Validate_AttributeFromTaskData_NotTypeChecked()
    {
        Check("""<Image name="i" value="$i" zoom="$zoom"/>""").IsValid.Should().BeTrue("Label Studio substitutes $key values at run time");
    }

    [Test]
    public void Validate_VideoMinSpeedAboveDefault_Error()
    {
        Check("""<Video name="v" value="$v" defaultPlaybackSpeed="1" minPlaybackSpeed="2"/>""")
            .Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidNumber);
    }

    [TestCase("true")]
    [TestCase("1.5")]
    [TestCase("-3")]
    public void Validate_NumericOrBooleanName_Error(string name)
    {
        Check($"<Text name=\"{name}\" value=\"$t\"/>").Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.NonStringName);
    }

    [Test]
    public void Validate_ToNamePointsAtControl_Error()
    {
        var error = Check("""<Text name="t" value="$t"/><Choices name="a" toName="t"><Choice value="x"/></Choices><TextArea name="b" toName="a"/>""")
            .Errors.Should().ContainSingle().Which;

        error.Code.Should().Be(DiagnosticCodes.UncontrollableTarget);
        error.Message.Should().Contain("not an object tag");
    }

    [Test]
    public void Validate_SampleCommentNotJson_Warning()
    {
        var result = LabelConfig.Validate("<View><Text name=\"t\" value=\"$t\"/></View>\n<!-- { not json } -->");

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidSampleData);
    }

    [Test]
    public void Validate_ToNameMisspelled_HintNamesClosestObject()
    {
        // The fixture toname-missing-object.xml: toName="image" while the object is called "img".
        var error = LabelConfig.Validate(ConfigFixtures.ReadInvalid("toname-missing-object.xml")).Errors.Single();

        error.Hint.Should().Be("did you mean \"img\"?");
    }

    [Test]
    public void Diagnostic_Format_IsCompilerStyle()
    {
        var diagnostic = Check("""<Text name="t"/>""").Errors.Single();

        diagnostic.Format("config.xml").Should().StartWith("config.xml(2,1): error LSC0022: <Text name=\"t\"> has no value");
        diagnostic.Path.Should().Be("/View/Text[@name='t']");
    }
}
