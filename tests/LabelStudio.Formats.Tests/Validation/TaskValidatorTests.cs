using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Validation;

namespace LabelStudio.Formats.Tests.Validation;

public class TaskValidatorTests
{
    private const string Data = """{"image":"a.jpg","doc":{"body":"Ann works at Acme"},"options":[{"value":"x"}],"pages":[{"url":"p0.jpg"},{"url":"p1.jpg"}]}""";
    private const string Size = "\"original_width\":200,\"original_height\":100";

    private static readonly TaskValidator Validator = new(TestConfigs.Config);

    private static LabelStudioTask Task(string results, string data = Data, string? predictionExtra = null) =>
        LabelStudioJson.DeserializeTask(Encoding.UTF8.GetBytes(
            $$"""{"id":7,"data":{{data}},"annotations":[{"id":3,"result":[{{results}}]}],"predictions":[{"id":9{{predictionExtra}},"result":[]}]}"""));

    [Test]
    public void Validate_EveryRuleSatisfied_ReportsNothing()
    {
        var task = Task($$$"""
            {"id":"r1","type":"rectanglelabels","from_name":"label","to_name":"image",{{{Size}}},"value":{"x":10,"y":10,"width":20,"height":20,"rotation":0,"rectanglelabels":["Cat"]}},
            {"id":"s1","type":"rectangle","from_name":"rect","to_name":"image",{{{Size}}},"value":{"x":1,"y":1,"width":2,"height":2}},
            {"id":"s1","type":"labels","from_name":"tag","to_name":"image","value":{"x":1,"y":1,"width":2,"height":2,"labels":["Car"]}},
            {"id":"m1","type":"rectanglelabels","from_name":"tag","to_name":"image",{{{Size}}},"value":{"x":1,"y":1,"width":2,"height":2,"rectanglelabels":["Car"]}},
            {"id":"p1","type":"polygonlabels","from_name":"poly","to_name":"image",{{{Size}}},"value":{"points":[[0,0],[10,0],[10,10]],"polygonlabels":["Road"]}},
            {"id":"e1","type":"ellipselabels","from_name":"ell","to_name":"image",{{{Size}}},"value":{"x":50,"y":50,"radiusX":5,"radiusY":5,"ellipselabels":["Eye"]}},
            {"id":"k1","type":"keypointlabels","from_name":"kp","to_name":"image",{{{Size}}},"value":{"x":5,"y":5,"keypointlabels":["Nose"]}},
            {"id":"n1","type":"labels","from_name":"ner","to_name":"text","value":{"start":0,"end":3,"text":"Ann","labels":["PER"]}},
            {"id":"c1","type":"choices","from_name":"quality","to_name":"image","value":{"choices":["good"]}},
            {"id":"c2","type":"choices","from_name":"tags","to_name":"image","value":{"choices":["a","b"]}},
            {"id":"c3","type":"choices","from_name":"dyn","to_name":"image","value":{"choices":["anything"]}},
            {"id":"t1","type":"taxonomy","from_name":"topic","to_name":"text","value":{"taxonomy":[["Animal","Mammal"],["Plant"]]}},
            {"id":"x1","type":"textarea","from_name":"note","to_name":"text","value":{"text":["a","b"]}},
            {"id":"g1","type":"rating","from_name":"stars","to_name":"text","value":{"rating":4}},
            {"id":"u1","type":"number","from_name":"count","to_name":"text","value":{"number":10}},
            {"id":"rp","type":"choices","from_name":"kind_1","to_name":"page_1","value":{"choices":["cover"]}},
            {"type":"relation","from_id":"r1","to_id":"p1","direction":"right","labels":["owns"]}
            """, predictionExtra: ",\"score\":1");

        Validator.Validate(task).Select(d => d.ToString()).Should().BeEmpty();
    }

    [Test]
    public void Validate_MissingDataKeys_ReportsEachWithItsPath()
    {
        // No "image"; doc has no body; page 1 has no url; no dynamic options (a warning only).
        var task = Task(string.Empty, """{"doc":{},"pages":[{"url":"p0.jpg"},{"src":"p1.jpg"}]}""");

        var diagnostics = Validator.Validate(task, taskIndex: 5);

        diagnostics.Select(d => (d.Code, d.Severity, d.Field)).Should().BeEquivalentTo(new[]
        {
            ("LSF0001", ValidationSeverity.Error, "data.image"),
            ("LSF0002", ValidationSeverity.Error, "data.doc.body"),
            ("LSF0003", ValidationSeverity.Warning, "data.options"),
            ("LSF0002", ValidationSeverity.Error, "data.pages[1].url"),
        });
        diagnostics.Should().OnlyContain(d => d.TaskIndex == 5 && d.TaskId == 7 && d.Target == ValidationTarget.Task);
        diagnostics.Single(d => d.Field == "data.image").Message.Should().Contain("doc, pages");
    }

    [Test]
    public void Validate_DottedLiteralKey_IsAccepted()
    {
        var task = Task(string.Empty, """{"image":"a","doc.body":"text","options":[],"pages":[]}""");

        Validator.Validate(task).Should().BeEmpty();
    }

    [TestCase("""{"id":"a","type":"choices","to_name":"image","value":{"choices":["good"]}}""", "LSF0010", "from_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}""", "LSF0011", "from_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"image","to_name":"image","value":{"choices":["good"]}}""", "LSF0011", "from_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"picture","value":{"choices":["good"]}}""", "LSF0012", "to_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","value":{"choices":["good"]}}""", "LSF0012", "to_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"text","value":{"choices":["good"]}}""", "LSF0013", "to_name")]
    [TestCase("""{"id":"a","type":"choices","from_name":"kind_1","to_name":"page_0","value":{"choices":["cover"]}}""", "LSF0013", "to_name")]
    [TestCase("""{"id":"a","type":"rectanglelabels","from_name":"quality","to_name":"image","value":{"x":1,"y":1,"width":1,"height":1,"rectanglelabels":["good"]}}""", "LSF0014", "type")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image"}""", "LSF0015", "value")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image","value":{"choices":"good"}}""", "LSF0015", "value")]
    [TestCase("""{"id":"a","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":2,"original_height":1,"value":{"x":1,"y":1,"width":1,"height":1,"rectanglelabels":["cat"]}}""", "LSF0020", "value.rectanglelabels")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image","value":{"choices":["great"]}}""", "LSF0020", "value.choices")]
    [TestCase("""{"id":"a","type":"taxonomy","from_name":"topic","to_name":"text","value":{"taxonomy":[["Animal","Bird"]]}}""", "LSF0020", "value.taxonomy[0]")]
    [TestCase("""{"id":"a","type":"labels","from_name":"ner","to_name":"text","value":{"start":0,"end":3,"labels":["LOC"]}}""", "LSF0020", "value.labels")]
    [TestCase("""{"id":"a","type":"polygonlabels","from_name":"poly","to_name":"image","original_width":2,"original_height":1,"value":{"points":[[0,0],[1,1],[2,0]],"polygonlabels":[]}}""", "LSF0021", "value.polygonlabels")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image","value":{"choices":["good","blurry"]}}""", "LSF0022", "value.choices")]
    [TestCase("""{"id":"a","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":2,"original_height":1,"value":{"x":1,"y":1,"width":-1,"height":1,"rectanglelabels":["Cat"]}}""", "LSF0030", "value.width")]
    [TestCase("""{"id":"a","type":"polygonlabels","from_name":"poly","to_name":"image","original_width":2,"original_height":1,"value":{"points":[[0,0],[1,1]],"polygonlabels":["Road"]}}""", "LSF0030", "value.points")]
    [TestCase("""{"id":"a","type":"ellipselabels","from_name":"ell","to_name":"image","original_width":2,"original_height":1,"value":{"x":50,"y":50,"radiusX":60,"radiusY":5,"ellipselabels":["Eye"]}}""", "LSF0030", "value.radiusX")]
    [TestCase("""{"id":"a","type":"keypointlabels","from_name":"kp","to_name":"image","original_width":2,"original_height":1,"value":{"x":101,"y":5,"keypointlabels":["Nose"]}}""", "LSF0030", "value.x")]
    [TestCase("""{"id":"a","type":"rectanglelabels","from_name":"label","to_name":"image","value":{"x":1,"y":1,"width":1,"height":1,"rectanglelabels":["Cat"]}}""", "LSF0031", "original_width")]
    [TestCase("""{"id":"a","type":"brushlabels","from_name":"brush","to_name":"image","original_width":2,"original_height":1,"value":{"format":"png","rle":[1],"brushlabels":["Sky"]}}""", "LSF0032", "value.format")]
    [TestCase("""{"id":"a","type":"brushlabels","from_name":"brush","to_name":"image","original_width":2,"original_height":1,"value":{"format":"rle","rle":[],"brushlabels":["Sky"]}}""", "LSF0032", "value.rle")]
    [TestCase("""{"id":"a","type":"labels","from_name":"ner","to_name":"text","value":{"start":5,"end":3,"labels":["PER"]}}""", "LSF0033", "value.end")]
    [TestCase("""{"id":"a","type":"rectanglelabels","from_name":"label","to_name":"image","original_width":2,"original_height":1,"value":{"x":90,"y":1,"width":20,"height":1,"rectanglelabels":["Cat"]}}""", "LSF0034", "value.corner[1].x")]
    [TestCase("""{"id":"a","type":"rating","from_name":"stars","to_name":"text","value":{"rating":5}}""", "LSF0040", "value.rating")]
    [TestCase("""{"id":"a","type":"number","from_name":"count","to_name":"text","value":{"number":0.5}}""", "LSF0041", "value.number")]
    [TestCase("""{"id":"a","type":"textarea","from_name":"note","to_name":"text","value":{"text":["a","b","c"]}}""", "LSF0042", "value.text")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image","score":1.5,"value":{"choices":["good"]}}""", "LSF0050", "score")]
    [TestCase("""{"type":"relation","from_id":"x","to_id":"y","direction":"right"}""", "LSF0060", "from_id")]
    [TestCase("""{"id":"a","type":"choices","from_name":"quality","to_name":"image","value":{"choices":["good"]}},{"type":"relation","from_id":"a","to_id":"a","labels":["hates"]}""", "LSF0061", "labels")]
    public void Validate_BrokenResult_ReportsCodeAndField(string results, string code, string field)
    {
        var diagnostics = Validator.Validate(Task(results));

        diagnostics.Should().Contain(d => d.Code == code && d.Field == field, because: string.Join("\n", diagnostics));
        var hit = diagnostics.First(d => d.Code == code);
        (hit.TaskId, hit.Target, hit.ItemIndex, hit.ItemId).Should().Be(((long?)7, ValidationTarget.Annotation, (int?)0, (long?)3));
        hit.Message.Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public void Validate_ManyProblems_ReportsAllAtOnceInOrder()
    {
        var task = Task("""
            {"id":"a","type":"choices","from_name":"quality","to_name":"image","value":{"choices":["great","good"]}},
            {"id":"b","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}
            """);

        var diagnostics = Validator.Validate(task);

        diagnostics.Select(d => (d.ResultIndex, d.RegionId, d.Code)).Should().Equal(
            ((int?)0, "a", "LSF0020"), ((int?)0, "a", "LSF0022"), ((int?)1, "b", "LSF0011"));
        diagnostics[0].ToString().Should().Be(
            "task 0 (id 7), annotation 0 (id 3), result 0 (region \"a\"), value.choices: error LSF0020: choice \"great\" is not in control \"quality\"; it has: good, blurry.");
    }

    [Test]
    public void Validate_PredictionScoreOutsideUnitRange_IsReportedOnThePrediction()
    {
        var diagnostics = Validator.Validate(Task(string.Empty, predictionExtra: ",\"score\":93"));

        diagnostics.Should().ContainSingle().Which.Should().Match<ValidationDiagnostic>(d =>
            d.Code == "LSF0050" && d.Target == ValidationTarget.Prediction && d.ItemId == 9 && d.Field == "score");
    }

    [Test]
    public void Validate_BrushLengthNotMatchingImage_IsReported()
    {
        // An RLE encoding a 2x2 mask declares 2*2*4 = 16 values; the result claims a 3x3 image (36 values).
        var rle = string.Join(",", Formats.Masks.BrushRle.EncodeMask(new Formats.Masks.Mask(2, 2)));
        var task = Task($$$"""{"id":"a","type":"brushlabels","from_name":"brush","to_name":"image","original_width":3,"original_height":3,"value":{"format":"rle","rle":[{{{rle}}}],"brushlabels":["Sky"]}}""");

        Validator.Validate(task).Should().ContainSingle().Which.Message.Should().Contain("declares 16 values").And.Contain("needs 36");
    }

    [Test]
    public void Validate_OptionsSwitchParts_SkipsThem()
    {
        var validator = new TaskValidator(TestConfigs.Config, new TaskValidationOptions { ValidateData = false, ValidateAnnotations = false, RequireImageSize = false });
        var task = Task("""{"id":"a","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}""", "{}");

        validator.Validate(task).Should().BeEmpty();
    }

    [Test]
    public async Task ValidateAsync_Stream_YieldsDiagnosticsWithTaskIndexes()
    {
        var bad = """{"id":"b","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}""";
        var tasks = new[] { Task(string.Empty), Task(bad), Task(bad) }.ToAsyncEnumerable();

        var diagnostics = new List<ValidationDiagnostic>();
        await foreach (var d in Validator.ValidateAsync(tasks))
        {
            diagnostics.Add(d);
        }

        diagnostics.Select(d => d.TaskIndex).Should().Equal(1L, 2L);
    }

    [Test]
    public async Task ValidateExportAsync_Summary_CountsAndCapsDiagnostics()
    {
        var bad = """{"id":"b","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}""";
        var json = "[" + string.Join(",", Enumerable.Repeat($$"""{"id":1,"data":{{Data}},"annotations":[{"result":[{{bad}},{{bad}}]}]}""", 3)) + "]";
        var validator = new TaskValidator(TestConfigs.Config, new TaskValidationOptions { MaxSummaryDiagnostics = 4 });

        var summary = await validator.ValidateExportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        (summary.TaskCount, summary.AnnotationCount, summary.ResultCount, summary.ErrorCount, summary.IsValid, summary.IsTruncated)
            .Should().Be((3L, 3L, 6L, 6L, false, true));
        summary.Diagnostics.Should().HaveCount(4);
        summary.CountsByCode.Should().Equal(new Dictionary<string, long> { ["LSF0011"] = 6 });
    }

    [Test]
    public async Task ValidateExportAsync_PartsSwitchedOff_CountsOnlyWhatWasChecked()
    {
        // Each task: 2 annotations of 1 result, 1 prediction of 2 results, 1 draft of 3 results. Annotations are
        // switched off, drafts on: only the prediction (2 results) and the draft (3 results) are looked at.
        var result = """{"id":"r","type":"choices","from_name":"nope","to_name":"image","value":{"choices":["good"]}}""";
        var task = $$"""{"id":1,"data":{{Data}},"annotations":[{"result":[{{result}}]},{"result":[{{result}}]}],"predictions":[{"result":[{{result}},{{result}}]}],"drafts":[{"result":[{{result}},{{result}},{{result}}]}]}""";
        var json = "[" + task + "," + task + "]";
        var validator = new TaskValidator(TestConfigs.Config, new TaskValidationOptions { ValidateAnnotations = false, ValidateDrafts = true });

        var summary = await validator.ValidateExportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        (summary.TaskCount, summary.AnnotationCount, summary.PredictionCount, summary.ResultCount).Should().Be((2L, 0L, 2L, 10L));
        summary.ErrorCount.Should().Be(10, "every checked result names an unknown control, and only checked results are reported");
    }

    [Test]
    public async Task ValidateExportAsync_TruncatedJson_ThrowsPositionedError()
    {
        var json = $$"""[{"id":1,"data":{{Data}}},{"id":2,"data":{"image":""";

        var act = () => Validator.ValidateExportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which.TaskIndex.Should().Be(1);
    }
}
