namespace LabelStudio.Config.Tests;

/// <summary>The access API on official templates; expected values are read from the template text quoted in each test.</summary>
public class LabelConfigAccessTests
{
    [Test]
    public void DataKeys_RepeaterTemplate_ListsListKeyAndIndexedPath()
    {
        // <Repeater on="$document" ...><Image name="page_{{idx}}" value="$document[{{idx}}].page" .../>
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("computer-vision__multipage-documents.xml"));

        config.DataKeyNames.Should().Equal("document");
        config.DataKeys.Select(k => (k.Kind, k.Expression)).Should().Equal(
            (DataKeyKind.RepeaterList, "document"),
            (DataKeyKind.ObjectValue, "document[{{idx}}].page"));
        config.DataKeys[1].IsPath.Should().BeTrue();
        config.GetObject("page_{{idx}}").Repeater.Should().NotBeNull();
    }

    [Test]
    public void Controls_RepeaterTemplate_LinkedByPlaceholderNames()
    {
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("computer-vision__multipage-documents.xml"));

        config.GetControlsFor("page_{{idx}}").Select(c => c.Name).Should().Equal("labels_{{idx}}", "rating_{{idx}}");
        config.GetControl("labels_{{idx}}").LabelValues.Should().Equal("Title", "Date", "Author", "Organization", "Amount");
        config.GetControl("labels_{{idx}}").ResultType.Should().Be("rectanglelabels");
    }

    [Test]
    public void DynamicLabels_InventoryTemplate_KeyFromValue()
    {
        // <PolygonLabels name="objects" toName="image" value="$objects"/>
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("dynamic-labels__inventory-tracking.xml"));

        var control = config.GetControl("objects");
        control.IsDynamic.Should().BeTrue();
        control.DynamicLabelsKey.Should().Be("objects");
        control.Labels.Should().BeEmpty();
        config.DataKeys.Should().Contain(k => k.Key == "objects" && k.Kind == DataKeyKind.DynamicLabels);
        config.DataKeyNames.Should().BeEquivalentTo("image", "objects");
    }

    [Test]
    public void Taxonomy_NestedChoices_TreeAndPaths()
    {
        // Archaea, Bacteria, Eukarya > (Human, Oppossum, Extraterrestial)
        var control = LabelConfig.Parse(ConfigFixtures.ReadTemplate("natural-language-processing__taxonomy.xml")).GetControl("taxonomy");

        control.RootLabels.Select(l => l.Value).Should().Equal("Archaea", "Bacteria", "Eukarya");
        control.Labels.Should().HaveCount(6);
        var human = control.Labels.Single(l => l.Value == "Human");
        human.LabelPath.Should().Equal("Eukarya", "Human");
        human.ParentLabel!.ChildLabels.Select(l => l.Value).Should().Equal("Human", "Oppossum", "Extraterrestial");
        human.Control.Should().BeSameAs(control);
    }

    [Test]
    public void Conditional_SpeechTranscription_PerRegionControls()
    {
        // perRegion="true" whenTagName="label" whenLabelValue="Speech" on two controls
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("audio-speech-processing__speech-transcription.xml"));

        var conditional = config.ConditionalControls.ToList();
        conditional.Should().HaveCount(2);
        conditional.Should().OnlyContain(c => c.IsPerRegion && c.WhenTagName == "label" && c.WhenLabelValue == "Speech");
        config.PerRegionControls.Should().BeEquivalentTo(conditional);
    }

    [Test]
    public void Chat_SelfReferencing_IsControlAndObject()
    {
        var config = LabelConfig.Parse("""<View><Chat name="chat" value="$messages"/></View>""");

        var control = config.GetControl("chat");
        control.IsSelfReferencing.Should().BeTrue();
        control.ResultType.Should().Be("chatmessage");
        control.Objects.Should().ContainSingle().Which.Should().BeSameAs(config.GetObject("chat"));
        config.DataKeyNames.Should().Equal("messages");
    }

    [Test]
    public void Lookup_ByName_AndSingleDefaults()
    {
        var config = LabelConfig.Parse("""
            <View>
              <Image name="img" value="$image"/>
              <RectangleLabels name="box" toName="img"><Label value="Cat" alias="C"/><Label value="Dog"/></RectangleLabels>
            </View>
            """);

        config.GetControl().Name.Should().Be("box");
        config.GetObject().Name.Should().Be("img");
        config.GetTag("box").Should().BeSameAs(config.GetControl("box"));
        config.GetControl().LabelValues.Should().Equal(new[] { "C", "Dog" }, "results carry the alias when one is given");
        config.GetControl().HasLabel("C").Should().BeTrue();
        config.GetControl().HasLabel("Cat").Should().BeFalse();
        config.Labels["box"].Should().Equal("C", "Dog");
        config.FindFirstPair("RectangleLabels", "Image")!.Value.Object.Name.Should().Be("img");
        config.FindControls("rectanglelabels").Should().ContainSingle();
        config.GetControl().ResultKeys.Should().Equal("box|img|rectanglelabels");
        config.GetObject().Line.Should().Be(2);
        config.GetObject().Column.Should().Be(3);
    }

    [Test]
    public void Lookup_MissingName_ThrowsListingNames()
    {
        var config = LabelConfig.Parse("""<View><Image name="img" value="$image"/></View>""");

        var act = () => config.GetControl("nope");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*nope*");
        config.TryGetTag("nope", out _).Should().BeFalse();
        ((Action)(() => config.GetControl())).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Attributes_TypedAccessAndCaseInsensitiveLookup()
    {
        var config = LabelConfig.Parse("""
            <View><Image name="img" value="$image" zoom="true" gridSize="20"/>
            <Choices name="c" toName="img" showinline="true" custom="kept"><Choice value="A"/></Choices></View>
            """);

        var image = config.GetObject("img");
        image.GetBoolean("zoom").Should().BeTrue();
        image.GetNumber("gridsize").Should().Be(20);
        var choices = config.GetControl("c");
        choices.Attributes.Should().ContainKey("showInline", "known attributes are keyed by their canonical spelling");
        choices.GetAttribute("custom").Should().Be("kept", "unknown attributes are kept");
    }

    [Test]
    public async Task Parse_SharedConfig_ReadFromManyThreads()
    {
        var config = LabelConfig.Parse(ConfigFixtures.ReadTemplate("natural-language-processing__taxonomy.xml"));

        var counts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            config.Controls.Sum(c => c.Labels.Count + c.LabelValues.Count) + config.Tags.Sum(t => t.Path.Length))));

        counts.Distinct().Should().ContainSingle();
    }

    [Test]
    public void Parse_TenThousandLabels_KeepsEveryLabelInOrderWithItsLine()
    {
        // Line 1 <View>, line 2 <Image>, line 3 <RectangleLabels>, then label i on line 4 + i, indented 4 spaces.
        var config = LabelConfig.Parse(TenThousandLabelConfig(duplicateLast: false));

        var control = config.GetControl("label");
        control.Labels.Should().HaveCount(10_000);
        control.LabelValues.Should().Equal(Enumerable.Range(0, 10_000).Select(i => $"Label {i:D5}"));
        control.Labels[9_999].Line.Should().Be(4 + 9_999);
        control.Labels[9_999].Column.Should().Be(5);
        control.Labels.Should().AllSatisfy(l => l.Control.Should().BeSameAs(control));
        control.Children.Should().Equal(control.Labels);
        control.HasLabel("Label 04567").Should().BeTrue();
        control.HasLabel("Label 10000").Should().BeFalse();
        config.Root.Children.Select(c => c.TagName).Should().Equal("Image", "RectangleLabels");
        config.Tags.Should().HaveCount(2 + 1 + 10_000);
        config.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Validate_TenThousandLabelsWithOneRepeated_WarnsOnceAtTheRepeat()
    {
        // The last label repeats the first value: one duplicate warning at its line, 4 + 10,000.
        var result = LabelConfig.Validate(TenThousandLabelConfig(duplicateLast: true));

        result.Diagnostics.Should().ContainSingle().Which.Should().Match<Validation.ConfigDiagnostic>(
            d => d.Code == Validation.DiagnosticCodes.DuplicateLabelValue && d.Line == 4 + 10_000);
    }

    [Test]
    public void Children_OfParsedTag_CannotBeChangedThroughACast()
    {
        // Parsed configs are shared across threads: the child and label lists must not be writable arrays or lists.
        var config = LabelConfig.Parse("<View><Image name=\"i\" value=\"$i\"/><Choices name=\"c\" toName=\"i\"><Choice value=\"A\"/></Choices></View>");

        config.Root.Children.Should().NotBeAssignableTo<ConfigTag[]>().And.NotBeAssignableTo<List<ConfigTag>>();
        config.GetControl("c").Labels.Should().NotBeAssignableTo<LabelTag[]>().And.NotBeAssignableTo<List<LabelTag>>();
        ((ICollection<ConfigTag>)config.Root.Children).IsReadOnly.Should().BeTrue();
    }

    private static string TenThousandLabelConfig(bool duplicateLast)
    {
        var builder = new System.Text.StringBuilder("<View>\n  <Image name=\"image\" value=\"$image\"/>\n  <RectangleLabels name=\"label\" toName=\"image\">\n");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("    <Label value=\"Label ").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Append("\" background=\"#ff0000\"/>\n");
        }

        if (duplicateLast)
        {
            builder.Append("    <Label value=\"Label 00000\"/>\n");
        }

        builder.Append("  </RectangleLabels>\n</View>\n");
        return builder.ToString();
    }
}
