using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Models;

public class ResultTests
{
    // The numbers are stored as values with has-value bits and the rare members in a side object: each property must
    // still behave as an ordinary nullable property, alone and next to the others.
    [Test]
    public void Properties_SetAndCleared_ReadBackAsSet()
    {
        var labels = new List<string> { "r" };
        var meta = new System.Text.Json.Nodes.JsonObject { ["text"] = "note" };
        var result = new Result
        {
            OriginalWidth = 0,
            OriginalHeight = -1,
            ImageRotation = 0.0,
            Score = double.NaN,
            ParentId = "p",
            ReadOnly = false,
            Hidden = true,
            Meta = meta,
            FromId = "a",
            ToId = "b",
            Direction = "right",
            Labels = labels,
        };

        result.OriginalWidth.Should().Be(0);
        result.OriginalHeight.Should().Be(-1);
        result.ImageRotation.Should().Be(0.0);
        result.Score.Should().Be(double.NaN);
        (result.ParentId, result.ReadOnly, result.Hidden, result.FromId, result.ToId, result.Direction).Should().Be(("p", false, true, "a", "b", "right"));
        result.Meta.Should().BeSameAs(meta);
        result.Labels.Should().BeSameAs(labels);

        result.OriginalHeight = null;
        result.Score = null;
        result.ReadOnly = null;
        result.Labels = null;

        result.OriginalWidth.Should().Be(0, "clearing one number leaves the others");
        result.OriginalHeight.Should().BeNull();
        result.ImageRotation.Should().Be(0.0);
        result.Score.Should().BeNull();
        result.ReadOnly.Should().BeNull();
        result.Hidden.Should().BeTrue("clearing one rare member leaves the others");
        result.Labels.Should().BeNull();
        result.ParentId.Should().Be("p");
    }

    [Test]
    public void Properties_NeverSet_AreNull()
    {
        var result = new Result { ParentId = null, Meta = null, OriginalWidth = null };

        result.OriginalWidth.Should().BeNull();
        result.OriginalHeight.Should().BeNull();
        result.ImageRotation.Should().BeNull();
        result.Score.Should().BeNull();
        result.ParentId.Should().BeNull();
        result.ReadOnly.Should().BeNull();
        result.Hidden.Should().BeNull();
        result.Meta.Should().BeNull();
        result.FromId.Should().BeNull();
        result.ToId.Should().BeNull();
        result.Direction.Should().BeNull();
        result.Labels.Should().BeNull();
        result.GetLabels().Should().BeEmpty();
    }

    [Test]
    public void Deserialize_ExplicitNullsAndZeros_WriteBackUnchanged()
    {
        const string json = """{"id":"a","type":"rectanglelabels","original_width":0,"original_height":null,"image_rotation":0,"score":null,"parentID":null,"readonly":false,"hidden":null,"meta":null,"from_id":null,"labels":null}""";

        var result = Read(json);

        result.OriginalWidth.Should().Be(0);
        result.OriginalHeight.Should().BeNull();
        result.ImageRotation.Should().Be(0);
        result.ReadOnly.Should().BeFalse();
        AssertWritesBack(result, json);
    }

    [Test]
    public void Deserialize_ValueBeforeType_IsStillTyped()
    {
        var result = Read("""{"value":{"x":1.5,"y":2,"width":3,"height":4,"rectanglelabels":["Cat"]},"type":"rectanglelabels","id":"r1"}""");

        var value = result.Value.Should().BeOfType<RectangleValue>().Which;
        value.X.Should().Be(1.5);
        value.RectangleLabels.Should().Equal("Cat");
        result.GetLabels().Should().Equal("Cat");
    }

    [Test]
    public void Deserialize_UnknownType_KeepsTheValueRawAndWritesItBack()
    {
        const string json = """{"id":"a","type":"cubelabels","from_name":"c","to_name":"o","value":{"x":[1,2,{"deep":true}],"cubelabels":["A"]},"future":1}""";

        var result = Read(json);

        result.Type.Value.Should().Be("cubelabels");
        result.Value.Should().BeOfType<RawResultValue>().Which.Json.GetProperty("cubelabels")[0].GetString().Should().Be("A");
        result.AdditionalProperties!["future"].GetInt32().Should().Be(1);
        AssertWritesBack(result, json);
    }

    [Test]
    public void Deserialize_KnownTypeWithWrongShape_KeepsTheValueRaw()
    {
        // choices must be a list of strings; a bare string is not something our model can hold, so it stays raw.
        const string json = """{"id":"a","type":"choices","value":{"choices":"Cat"}}""";

        var result = Read(json);

        result.Value.Should().BeOfType<RawResultValue>();
        AssertWritesBack(result, json);
    }

    [Test]
    public void Deserialize_Relation_HasNoValueAndItsLinks()
    {
        const string json = """{"from_id":"a","to_id":"b","type":"relation","direction":"right","labels":["owns"]}""";

        var result = Read(json);

        result.Type.Should().Be(ResultType.Relation);
        result.Value.Should().BeNull();
        (result.FromId, result.ToId, result.Direction).Should().Be(("a", "b", "right"));
        result.GetLabels().Should().Equal("owns");
        AssertWritesBack(result, json);
    }

    [Test]
    public void Deserialize_ExplicitNullsAndUnknownValueMembers_SurviveARoundTrip()
    {
        const string json = """{"id":"k","type":"keypointlabels","value":{"x":1,"y":2,"width":0.5,"keypointlabels":["Nose"],"hidden":false},"score":null,"meta":null,"parentID":"box","readonly":false,"original_width":640,"original_height":null}""";

        var result = Read(json);

        var value = result.Value.Should().BeOfType<KeyPointValue>().Which;
        value.AdditionalProperties!["hidden"].GetBoolean().Should().BeFalse();
        result.ParentId.Should().Be("box");
        result.OriginalWidth.Should().Be(640);
        AssertWritesBack(result, json);
    }

    [Test]
    public void Serialize_ResultBuiltInCode_WritesZeroCoordinatesAndOmitsUnsetMembers()
    {
        // A box at the origin must keep x and y (0 is a real coordinate); rotation, score and meta were never set,
        // so they are not written.
        var result = new Result
        {
            Id = "r1",
            Type = ResultType.RectangleLabels,
            FromName = "label",
            ToName = "image",
            OriginalWidth = 640,
            OriginalHeight = 480,
            Value = new RectangleValue { X = 0, Y = 0, Width = 50, Height = 25, RectangleLabels = ["Cat"] },
        };

        AssertWritesBack(result, """{"id":"r1","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":640,"original_height":480,"value":{"x":0,"y":0,"width":50,"height":25,"rectanglelabels":["Cat"]}}""");
    }

    [Test]
    public void Deserialize_PolygonPointWithThreeNumbers_StaysRaw()
    {
        const string json = """{"type":"polygonlabels","value":{"points":[[1,2,3]],"polygonlabels":["A"]}}""";

        Read(json).Value.Should().BeOfType<RawResultValue>();
    }

    [Test]
    public void Deserialize_BrushRle_ReadsBytesAndWritesNumbers()
    {
        const string json = """{"type":"brushlabels","value":{"format":"rle","rle":[0,0,255,7],"brushlabels":["Road"]}}""";

        var result = Read(json);

        result.Value.Should().BeOfType<BrushValue>().Which.Rle.Should().Equal(0, 0, 255, 7);
        AssertWritesBack(result, json);
    }

    [Test]
    public void Deserialize_BrushRleOutOfByteRange_StaysRaw()
    {
        Read("""{"type":"brushlabels","value":{"format":"rle","rle":[256]}}""").Value.Should().BeOfType<RawResultValue>();
    }

    [TestCase("""{"type":"choices","value":{"choices":["A","B"]}}""", typeof(ChoicesValue))]
    [TestCase("""{"type":"taxonomy","value":{"taxonomy":[["Animal","Cat"]]}}""", typeof(TaxonomyValue))]
    [TestCase("""{"type":"textarea","value":{"text":["hello"]}}""", typeof(TextAreaValue))]
    [TestCase("""{"type":"rating","value":{"rating":4}}""", typeof(RatingValue))]
    [TestCase("""{"type":"number","value":{"number":2.5}}""", typeof(NumberValue))]
    [TestCase("""{"type":"datetime","value":{"datetime":"2024-01-31"}}""", typeof(DateTimeValue))]
    [TestCase("""{"type":"pairwise","value":{"selected":"left"}}""", typeof(PairwiseValue))]
    [TestCase("""{"type":"ranker","value":{"ranker":{"rank":["a","b"]}}}""", typeof(RankerValue))]
    [TestCase("""{"type":"labels","value":{"start":0,"end":5,"text":"Hello","labels":["PER"]}}""", typeof(LabelsValue))]
    [TestCase("""{"type":"hypertextlabels","value":{"start":"/p[1]/text()[1]","end":"/p[1]/text()[1]","startOffset":0,"endOffset":4,"hypertextlabels":["A"]}}""", typeof(HyperTextLabelsValue))]
    [TestCase("""{"type":"paragraphlabels","value":{"start":"0","end":"1","startOffset":0,"endOffset":3,"paragraphlabels":["A"]}}""", typeof(ParagraphLabelsValue))]
    [TestCase("""{"type":"ellipselabels","value":{"x":10,"y":10,"radiusX":5,"radiusY":3,"rotation":0,"ellipselabels":["A"]}}""", typeof(EllipseValue))]
    [TestCase("""{"type":"videorectangle","value":{"framesCount":10,"duration":0.4,"sequence":[{"frame":1,"enabled":true,"time":0.04,"x":1,"y":2,"width":3,"height":4,"rotation":0}],"labels":["Car"]}}""", typeof(VideoRectangleValue))]
    [TestCase("""{"type":"timeserieslabels","value":{"start":"2024-01-01","end":3,"instant":false,"timeserieslabels":["Run"]}}""", typeof(TimeSeriesLabelsValue))]
    [TestCase("""{"type":"timelinelabels","value":{"ranges":[{"start":1,"end":9}],"timelinelabels":["Jump"]}}""", typeof(TimelineLabelsValue))]
    [TestCase("""{"type":"ocrlabels","value":{"x":1,"y":2,"width":3,"height":4,"rotation":0,"ocrtext":"abc","pageIndex":0,"ocrlabels":["Word"]}}""", typeof(OcrLabelsValue))]
    [TestCase("""{"type":"vectorlabels","value":{"vertices":[{"id":"p1","x":1,"y":2,"isBezier":false}],"closed":false,"vectorlabels":["Road"]}}""", typeof(VectorValue))]
    [TestCase("""{"type":"chatmessage","value":{"chatmessage":{"role":"user","content":"Hi"}}}""", typeof(ChatMessageValue))]
    public void Deserialize_EachResultType_GivesItsValueClassAndWritesBackEqual(string json, Type valueClass)
    {
        var result = Read(json);

        result.Value.Should().BeOfType(valueClass);
        AssertWritesBack(result, json);
    }

    [Test]
    public void GroupByRegion_SplitForm_GroupsTheGeometryWithItsLabels()
    {
        // A Rectangle and a separate Labels control on the same image write two results with the same id.
        var results = new List<Result>
        {
            Read("""{"id":"r1","type":"rectangle","value":{"x":1,"y":1,"width":2,"height":2}}"""),
            Read("""{"id":"r1","type":"labels","value":{"x":1,"y":1,"width":2,"height":2,"labels":["Cat"]}}"""),
            Read("""{"id":"c1","type":"choices","value":{"choices":["Indoor"]}}"""),
            Read("""{"from_id":"r1","to_id":"c1","type":"relation","direction":"right"}"""),
        };

        var groups = ResultRegions.GroupByRegion(results);

        groups.Should().HaveCount(3);
        groups[0].Select(r => r.Type).Should().Equal(ResultType.Rectangle, ResultType.Labels);
        groups[0].SelectMany(r => r.GetLabels()).Should().Equal("Cat");
        groups[2].Single().Type.Should().Be(ResultType.Relation);
    }

    [Test]
    public void ResultType_KnownAndCustom_CompareByTheirSpelling()
    {
        ResultType custom = "rectanglelabels";

        custom.Should().Be(ResultType.RectangleLabels);
        (custom == ResultType.Choices).Should().BeFalse();
        default(ResultType).IsEmpty.Should().BeTrue();
    }

    private static Result Read(string json) => LabelStudioJson.DeserializeResult(Encoding.UTF8.GetBytes(json));

    private static void AssertWritesBack(Result result, string expectedJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(LabelStudioJson.SerializeToUtf8Bytes(result));
        JsonValueComparer.FirstDifference(expected.RootElement, actual.RootElement).Should().BeNull();
    }
}
