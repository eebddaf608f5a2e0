using System.Globalization;
using System.Text;
using LabelStudio.Config.Parsing;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Tests;

/// <summary>
/// Differential tests of the fast reader (System.Xml's streaming reader) against the reference (AngleSharp.Xml): for
/// every input, what <see cref="LabelConfig"/> returns by default (fast path, falling back) must equal what the
/// reference alone gives — tags, attributes, positions, text, links, data keys, labels, sample and every diagnostic.
/// The expected side is the reference parser's output, never a pasted value; each test also states whether the fast
/// path must have been taken, so that a silent fallback cannot make the comparison vacuous.
/// </summary>
public class FastConfigReaderTests
{
    private static IEnumerable<TestCaseData> Templates() => ConfigFixtures.Templates();

    private static IEnumerable<TestCaseData> InvalidCases() => ConfigFixtures.InvalidCases();

    [TestCaseSource(nameof(Templates))]
    public void TryRead_OfficialTemplate_SameModelAsReference(string file, string? sampleData)
    {
        // The official templates are well-formed, use no namespace prefixes and no HyperText markup the reader declines.
        AssertSameAsReference(ConfigFixtures.ReadTemplate(file), expectFastPath: true);
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void TryRead_InvalidCase_SameDiagnosticsAsReference(string file, string kind, string expected)
    {
        // Malformed cases must fall back (so the reference's syntax messages are reported); the rest may take either path.
        var xml = ConfigFixtures.ReadInvalid(file);
        var outcome = AssertSameAsReference(xml, expectFastPath: null);
        outcome.Diagnostics.Should().Contain(d => d.IsError, "every invalid case is rejected on either path");
        if (kind == "malformed_xml")
        {
            outcome.UsedFastPath.Should().BeFalse("a syntax error is reported by the reference reader");
        }
    }

    /// <summary>Edge inputs: name, config, and whether the fast path must read it (true), must decline it (false) or either (null).</summary>
    private static IEnumerable<TestCaseData> EdgeCases()
    {
        const string image = "<Image name=\"img\" value=\"$image\"/>";
        TestCaseData Case(string name, string xml, bool? fast) => new TestCaseData(xml, fast).SetName("TryRead_Edge_" + name);

        // Attribute values: AngleSharp keeps tabs and line breaks and trims the value; XML normalisation would make spaces.
        yield return Case("TabsAndNewlinesInAttributeValues", $"<View>{image}<Choices name=\"c\" toName=\"img\"><Choice value=\"a\tb\nc\"/><Choice value=\"  padded \t\"/></Choices></View>", true);
        yield return Case("CrLfLineEnds", $"<View>\r\n  {image}\r\n  <Choices name=\"c\"\r\n    toName=\"img\">\r\n    <Choice value=\"a\r\nb\"/>\r\n  </Choices>\r\n</View>\r\n", true);
        yield return Case("LoneCarriageReturns", $"<View>\r  {image}\r  <Choices name=\"c\" toName=\"img\"><Choice value=\"x\ry\"/></Choices>\r</View>", true);
        yield return Case("CharacterReferenceCarriageReturn", $"<View>{image}<Choices name=\"c\" toName=\"img\"><Choice value=\"x&#13;y\"/><Choice value=\"&#10;lead\"/></Choices></View>", true);
        yield return Case("UnicodeWhitespaceTrimmed", $"<View>{image}<Choices name=\"c\" toName=\"img\"><Choice value=\"\u00a0nbsp\u3000\"/><Choice value=\"\u200bzw\ufeff\"/><Choice value=\"&#x85;\"/></Choices></View>", true);
        yield return Case("PredefinedAndCharacterEntities", $"<View>{image}<Choices name=\"c\" toName=\"img\"><Choice value=\"a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9; &#x1F600;\"/></Choices></View>", true);
        yield return Case("SingleAndDoubleQuotes", $"<View>{image}<Choices name='c' toName=\"img\"><Choice value='say \"hi\"'/><Choice value=\"it's\"/></Choices></View>", true);
        yield return Case("SpacesAroundEquals", $"<View>{image}<Choices name = \"c\"\ttoName =\n'img' ><Choice  value = \"a\" /></Choices></View>", true);
        yield return Case("NonAsciiBeforeElements", $"<View><Header value=\"é 😀\"/>😀<Text name=\"t\" value=\"$t\"/>\t<Choices name=\"c\" toName=\"t\"><Choice value=\"ü\"/></Choices></View>", true);

        // Case variants and unknowns: the model builder judges them; both readers must hand over the same names.
        yield return Case("LowercaseLabelAndChoices", $"<View>{image}<rectanglelabels name=\"r\" toName=\"img\"><label value=\"a\"/><LABEL value=\"b\"/></rectanglelabels></View>", true);
        yield return Case("LowercaseToName", $"<View>{image}<Choices name=\"c\" toname=\"img\"><Choice value=\"a\"/></Choices></View>", true);
        yield return Case("UnknownTagAndAttribute", $"<View>{image}<Choicez name=\"c\" toName=\"img\" valu=\"x\"/><Choices name=\"d\" toName=\"img\" choise=\"single\"><Choice value=\"a\"/></Choices></View>", true);
        yield return Case("DuplicateAttributeInOtherCase", $"<View>{image}<Choices name=\"c\" toName=\"img\" toname=\"img\"><Choice value=\"a\"/></Choices></View>", true);

        // Comments, CDATA, processing instructions, declarations.
        yield return Case("CommentsWithSingleDashes", $"<View><!-- a - b -->{image}<!-- - --><Choices name=\"c\" toName=\"img\"><!-- x --><Choice value=\"a\"/></Choices></View>", true);
        yield return Case("SampleComment", "<View>\n  <Image name=\"img\" value=\"$image\"/>\n  <Choices name=\"c\" toName=\"img\"><Choice value=\"a\"/></Choices>\n</View>\n<!-- {\"data\": {\"image\": \"https://example.com/a-b--c.jpg\"}} -->\n", null);
        yield return Case("SampleCommentInvalidJson", "<View><Text name=\"t\" value=\"$t\"/><!-- { \"data\": } --></View>", true);
        yield return Case("CdataInHeaderAndStyle", "<View><Style><![CDATA[.a > .b { color: red }]]></Style><Header>Pick <![CDATA[<one>]]> &amp; go</Header><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("HeaderWhitespaceOnly", "<View><Header>  \n\t </Header><Header></Header><Header>x\r\ny</Header><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("StyleWithElements", "<View><Style>.a { }<b>bold</b> tail</Style><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("XmlDeclaration", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<View><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("ProcessingInstruction", "<View><?editor hint?><Text name=\"t\" value=\"$t\"/></View><?after x?>", true);
        yield return Case("XmlSpacePreserve", "<View xml:space=\"preserve\"><Header> a </Header><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("TextOutsideKeptTags", "<View>loose text &amp; more<Text name=\"t\" value=\"$t\"/>tail</View>", true);

        // Opaque content (HyperText, Style): markup inside is not config.
        yield return Case("HyperTextWithoutMarkup", "<View><HyperText name=\"h\" value=\"$html\"/><HyperText name=\"h2\" value=\"$x\">plain</HyperText></View>", true);
        yield return Case("HyperTextWithMarkup", "<View><HyperText name=\"h\" value=\"$html\" inline=\"true\"><p class=\"a\">x &amp; <b>y</b></p><Choice value=\"not a label\"/></HyperText></View>", false);

        // Structure: nesting, repeaters, taxonomies, relations, conditions.
        yield return Case("NestedTaxonomy", $"<View>{image}<Taxonomy name=\"tax\" toName=\"img\"><Choice value=\"A\"><Choice value=\"A1\"/><Choice value=\"A2\"><Choice value=\"deep\"/></Choice></Choice><Choice value=\"B\"><Choice value=\"A1\"/><Choice value=\"A1\"/></Choice></Taxonomy></View>", true);
        yield return Case("NestedRepeaters", "<View><Repeater on=\"$pages\" indexFlag=\"{{idx}}\"><Image name=\"page_{{idx}}\" value=\"$pages[{{idx}}].url\"/><Repeater on=\"$pages[{{idx}}].parts\" indexFlag=\"{{j}}\"><Text name=\"part_{{idx}}_{{j}}\" value=\"$pages[{{idx}}].parts[{{j}}]\"/><Choices name=\"c_{{idx}}\" toName=\"page_{{idx}}\"><Choice value=\"a\"/></Choices></Repeater></Repeater></View>", true);
        yield return Case("RelationsAndConditions", $"<View>{image}<RectangleLabels name=\"r\" toName=\"img\"><Label value=\"a\"/><Label value=\"a\"/></RectangleLabels><Relations><Relation value=\"rel\"/></Relations><Choices name=\"c\" toName=\"img\" perRegion=\"true\" whenTagName=\"r\" whenLabelValue=\"a\"><Choice value=\"x\"/></Choices><View visibleWhen=\"choice-selected\" whenTagName=\"nope\"><TextArea name=\"ta\" toName=\"img\" perItem=\"true\" perRegion=\"true\"/></View></View>", true);
        yield return Case("DynamicLabelsAndValueList", "<View><Image name=\"img\" valueList=\"$images\"/><RectangleLabels name=\"r\" toName=\"img\" value=\"$labels\"/><Text name=\"t\" value=\"$t\"/><Choices name=\"c\" toName=\"t\" value=\"$opts\" choice=\"multiple\"/></View>", true);
        yield return Case("InvalidTypedAttributes", $"<View>{image}<Choices name=\"c\" toName=\"img\" required=\"yes\" choice=\"many\" maxUsages=\"-1\"><Choice value=\"a\"/></Choices><Video name=\"v\" value=\"$v\" defaultPlaybackSpeed=\"1\" minPlaybackSpeed=\"2\"/></View>", true);
        yield return Case("NumericAndDuplicateNames", "<View><Text name=\"1\" value=\"$t\"/><Text name=\"true\" value=\"$u\"/><Text name=\"x\" value=\"$x\"/><Image name=\"x\" value=\"$y\"/></View>", true);
        yield return Case("RootNotView", "<Text name=\"t\" value=\"$t\"/>", true);
        yield return Case("WhitespaceBeforeRoot", "  \n\n  <View><Text name=\"t\" value=\"$t\"/></View>\n\n", true);

        // What the fast reader declines, so the reference decides.
        yield return Case("DefaultNamespace", "<View xmlns=\"urn:x\"><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("PrefixedElement", "<View xmlns:x=\"urn:x\"><x:Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("UndeclaredAttributePrefix", "<View><Text name=\"t\" value=\"$t\" p:extra=\"1\"/></View>", false);
        yield return Case("XmlVersion11", "<?xml version=\"1.1\"?><View><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("XmlSpaceOtherValue", "<View xml:space=\"other\"><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("CharacterReferenceNul", "<View><Text name=\"t\" value=\"&#0;\"/></View>", false);
        yield return Case("CharacterReferenceLoneSurrogate", "<View><Text name=\"t\" value=\"a&#xD800;\"/></View>", false);
        yield return Case("CharacterReferenceOutOfRange", "<View><Text name=\"t\" value=\"&#x110000;\"/></View>", false);
        yield return Case("CharacterReferenceNonCharacter", "<View><Header>&#xFFFE;</Header><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("CharacterReferenceControlInText", "<View>&#x1;<Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("LiteralNulAfterRoot", "<View><Text name=\"t\" value=\"$t\"/></View>\n\u0000", false);
        yield return Case("LiteralNulInText", "<View>\u0000<Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("UnknownEntity", "<View><Text name=\"t\" value=\"&nbsp;\"/></View>", false);
        yield return Case("ByteOrderMarkCharacter", "\ufeff<View><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("ElementInsideHeader", "<View><Header>a <b>b</b></Header><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("CommentWithDoubleDash", "<View><!-- a -- b --><Text name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("UnclosedElement", "<View><Text name=\"t\" value=\"$t\"></View>", false);
        yield return Case("TwoRoots", "<View/><View/>", false);
        yield return Case("UnquotedAttribute", "<View><Text name=t value=\"$t\"/></View>", false);
        yield return Case("LessThanInAttribute", "<View><Text name=\"t\" value=\"a<b\"/></View>", false);
        yield return Case("DuplicateAttributeExact", "<View><Text name=\"t\" name=\"u\" value=\"$t\"/></View>", false);
        yield return Case("ContentAfterRoot", "<View><Text name=\"t\" value=\"$t\"/></View>trailing", false);
        yield return Case("CommentOnly", "<!-- { \"data\": {} } -->", false);
        yield return Case("PlainText", "not a config", false);
        yield return Case("DoctypeRefusedFirst", "<!DOCTYPE View><View/>", false);
        yield return Case("DeepNesting", string.Concat(Enumerable.Repeat("<View>", 200)) + string.Concat(Enumerable.Repeat("</View>", 200)), false);
        yield return Case("NonAsciiElementName", "<View><Tëxt name=\"t\" value=\"$t\"/></View>", false);
        yield return Case("AsciiNamePunctuation", "<View><_x-y.z name=\"a\" data-v.1=\"1\" _u=\"2\"/><Text name=\"t\" value=\"$t\"/></View>", true);
        yield return Case("NonAsciiAttributeName", "<View><Text name=\"t\" value=\"$t\" ñame=\"x\"/></View>", false);
    }

    [TestCaseSource(nameof(EdgeCases))]
    public void TryRead_Edge_SameAsReference(string xml, bool? expectFastPath) => AssertSameAsReference(xml, expectFastPath);

    [Test]
    public void TryRead_DepthAtTheLimit_ReadByFastPath()
    {
        // Root = depth 1; the reference accepts exactly MaxDepth levels, so the fast path may read them too.
        var depth = LabelConfigOptions.DefaultMaxDepth;
        var xml = string.Concat(Enumerable.Repeat("<View>", depth - 1)) + "<Text name=\"t\" value=\"$t\"/>" + string.Concat(Enumerable.Repeat("</View>", depth - 1));

        AssertSameAsReference(xml, expectFastPath: true);
        AssertSameAsReference("<View>" + xml + "</View>", expectFastPath: false);
    }

    [Test]
    public void TryRead_TenThousandLabels_SameModelAsReference()
    {
        var builder = new StringBuilder("<View>\n  <Image name=\"image\" value=\"$image\"/>\n  <RectangleLabels name=\"label\" toName=\"image\">\n");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("    <Label value=\"Label ").Append(i.ToString("D5", CultureInfo.InvariantCulture)).Append("\" background=\"#ff0000\"/>\n");
        }

        // Two duplicates near the end, to compare warnings as well.
        builder.Append("    <Label value=\"Label 00001\"/>\n    <label value=\"Label 09999\"/>\n  </RectangleLabels>\n</View>\n");

        var outcome = AssertSameAsReference(builder.ToString(), expectFastPath: true);
        outcome.Config!.GetControl("label").Labels.Should().HaveCount(10_002);
    }

    /// <summary>Each template rewritten as users write configs: the fast path must read it exactly as the reference does.</summary>
    private static IEnumerable<TestCaseData> TemplateVariants()
    {
        var variants = new (string Name, Func<string, string> Rewrite)[]
        {
            ("CrLf", xml => xml.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal)),
            ("TabIndent", xml => xml.Replace("  ", "\t", StringComparison.Ordinal)),
            ("SingleQuotes", xml => xml.Contains('\'', StringComparison.Ordinal) ? xml : xml.Replace('"', '\'')),
            ("Declaration", xml => "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + xml),
            ("CommentsBetweenTags", xml => xml.Replace("/>", "/><!-- c - d -->", StringComparison.Ordinal)),
            ("NoIndentation", xml => string.Concat(xml.Split('\n').Select(line => line.Trim()))),
        };

        foreach (var template in ConfigFixtures.Templates())
        {
            var file = (string)template.Arguments[0]!;
            foreach (var (name, rewrite) in variants)
            {
                yield return new TestCaseData(file, name, rewrite).SetName($"TryRead_Variant_{name}_{Path.GetFileNameWithoutExtension(file)}");
            }
        }
    }

    [TestCaseSource(nameof(TemplateVariants))]
    public void TryRead_TemplateVariant_SameModelAsReference(string file, string variant, Func<string, string> rewrite)
    {
        // Whitespace, quotes and comments between tags are what both parsers skip. A rewrite can break the XML (lines
        // joined without a space glue attributes together; a comment lands inside a comment): only then may it fall back.
        var outcome = AssertSameAsReference(rewrite(ConfigFixtures.ReadTemplate(file)), expectFastPath: null);
        if (!outcome.UsedFastPath)
        {
            outcome.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.MalformedXml, $"the {variant} variant fell back, so it must be malformed");
        }
    }

    [Test]
    public void TryRead_TemplateTruncatedAnywhere_SameDiagnosticsAsReference()
    {
        // A config cut at any point is malformed (or, cut after the root closes, complete): either way both paths agree.
        var xml = ConfigFixtures.ReadTemplate("natural-language-processing__taxonomy.xml");
        for (var length = 0; length < xml.Length; length += 7)
        {
            AssertSameAsReference(xml[..length], expectFastPath: null);
        }
    }

    private static IEnumerable<TestCaseData> MutationSeeds() => Enumerable.Range(1, 8).Select(seed => new TestCaseData(seed).SetName($"TryRead_RandomMutations_SameAsReference({seed})"));

    [TestCaseSource(nameof(MutationSeeds))]
    public void TryRead_RandomMutations_SameAsReference(int seed)
    {
        // Fragments where XML parsers disagree most: markup characters, references, line ends, whitespace, quotes.
        string[] fragments =
        [
            "<", ">", "&", ";", "\"", "'", "=", "/", "&amp;", "&#13;", "&#0;", "&#x1F600;", "&#xD800;", "&bogus;", "\r", "\r\n", "\t", "\n",
            " ", "\u00a0", "<!-- - -->", "<![CDATA[x]]>", "]]>", "<?pi x?>", "<b>", "</b>", "xmlns:p=\"u\" ", "p:a=\"1\" ", "\u0000", "\ud83d", "é", "<Header>h</Header>",
        ];
        var random = new Random(seed);
        var templates = ConfigFixtures.Templates().Select(t => (string)t.Arguments[0]!).ToArray();
        var fastReads = 0;
        const int Count = 40;
        for (var i = 0; i < Count; i++)
        {
            var xml = ConfigFixtures.ReadTemplate(templates[random.Next(templates.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(xml.Length);
                xml = random.Next(3) == 0
                    ? xml.Remove(at, Math.Min(random.Next(1, 4), xml.Length - at))
                    : xml.Insert(at, fragments[random.Next(fragments.Length)]);
            }

            fastReads += AssertSameAsReference(xml, expectFastPath: null).UsedFastPath ? 1 : 0;
        }

        // Whitespace, text and comment edits keep a config well-formed, stray markup breaks it: both paths must be exercised.
        fastReads.Should().BeInRange(1, Count - 1);
    }

    [Test]
    public void Parse_DefaultPath_UsesFastReaderForTemplates()
    {
        // The switch is internal; what users call must take the fast path for well-formed configs (or it is never used).
        var xml = ConfigFixtures.ReadTemplate("computer-vision__object-detection-with-bounding-boxes.xml");

        ConfigParser.Parse(xml, null, ConfigParserPath.Auto).UsedFastPath.Should().BeTrue();
        ConfigParser.Parse(xml, null, ConfigParserPath.ReferenceOnly).UsedFastPath.Should().BeFalse();
    }

    [Test]
    public void Parse_FastOnlyOnMalformedInput_ReturnsNothing()
    {
        var outcome = ConfigParser.Parse("<View><Text name=\"t\" value=\"$t\"></View>", null, ConfigParserPath.FastOnly);

        outcome.Config.Should().BeNull();
        outcome.UsedFastPath.Should().BeFalse();
    }

    [Test]
    public void Parse_CustomOptions_AppliedOnBothPaths()
    {
        var options = new LabelConfigOptions { UnknownTagSeverity = DiagnosticSeverity.Warning, MaxDepth = 3 };

        AssertSameAsReference("<View><Futuristic name=\"f\"/><View><Text name=\"t\" value=\"$t\"/></View></View>", expectFastPath: true, options);
        AssertSameAsReference("<View><View><View><Text name=\"t\" value=\"$t\"/></View></View></View>", expectFastPath: false, options);
    }

    private static ParseOutcome AssertSameAsReference(string xml, bool? expectFastPath, LabelConfigOptions? options = null)
    {
        var reference = ConfigParser.Parse(xml, options, ConfigParserPath.ReferenceOnly);
        var actual = ConfigParser.Parse(xml, options, ConfigParserPath.Auto);

        if (expectFastPath is { } fast)
        {
            actual.UsedFastPath.Should().Be(fast, fast ? "the fast reader reads this input exactly" : "the fast reader must leave this input to the reference");
        }

        Snapshot(actual).Should().Equal(Snapshot(reference));
        return actual;
    }

    /// <summary>Everything observable of a parse, one line per fact, so a difference shows as a readable line diff.</summary>
    private static List<string> Snapshot(ParseOutcome outcome)
    {
        var lines = outcome.Diagnostics
            .Select(d => $"diagnostic {d.Code} {d.Severity} {d.Line},{d.Column} {d.Path} | {d.Message} | {d.Hint}")
            .ToList();
        if (outcome.Config is not { } config)
        {
            lines.Add("no config");
            return lines;
        }

        lines.Add($"root {config.Root.Path}");
        foreach (var tag in config.Tags)
        {
            var attributes = string.Join(" ", tag.Attributes.Select(a => $"{a.Key}=[{a.Value}]"));
            lines.Add($"tag {tag.GetType().Name} {tag.Path} {tag.TagName}/{tag.WrittenName} {tag.Category} name=[{tag.Name}] at {tag.Line},{tag.Column} "
                + $"parent={tag.Parent?.Path} repeater={tag.Repeater?.Path} children=[{string.Join(",", tag.Children.Select(c => c.Path))}] "
                + $"attributes: {attributes} text=[{tag.Text}]");
            switch (tag)
            {
                case ControlTag control:
                    lines.Add($"  control to=[{string.Join(",", control.ToNames)}] objects=[{string.Join(",", control.Objects.Select(o => o.Path))}] "
                        + $"type={control.ResultType} dynamic={control.IsDynamic}/{control.DynamicLabelsKey} labels=[{string.Join(",", control.Labels.Select(l => l.Path))}] "
                        + $"values=[{string.Join("|", control.LabelValues)}] roots={control.RootLabels.Count()}");
                    break;
                case ObjectTag objectTag:
                    lines.Add($"  object value=[{objectTag.Value}] list=[{objectTag.ValueList}] key=[{objectTag.DataKey}] controls=[{string.Join(",", objectTag.Controls.Select(c => c.Path))}]");
                    break;
                case LabelTag label:
                    lines.Add($"  label value=[{label.Value}] alias=[{label.Alias}] control={label.Control?.Path} parent={label.ParentLabel?.Path} "
                        + $"children=[{string.Join(",", label.ChildLabels.Select(c => c.Path))}] path=[{string.Join("/", label.LabelPath)}]");
                    break;
                default:
                    break;
            }
        }

        lines.AddRange(config.Controls.Select(c => $"controls {c.Path}"));
        lines.AddRange(config.Objects.Select(o => $"objects {o.GetType().Name} {o.Path} at {o.Line},{o.Column}"));
        lines.AddRange(config.RelationLabels.Select(r => $"relation {r.Path}"));
        lines.AddRange(config.DataKeys.Select(k => $"data key {k.Key} {k.Expression} {k.Kind} {k.Tag.Path} {k.Attribute}"));
        lines.Add(config.Sample is { } sample ? $"sample line {sample.Line}: {sample.Root.GetRawText()}" : "no sample");
        lines.AddRange(config.Diagnostics.Select(d => $"config diagnostic {d.Code} {d.Line},{d.Column}"));
        return lines;
    }
}
