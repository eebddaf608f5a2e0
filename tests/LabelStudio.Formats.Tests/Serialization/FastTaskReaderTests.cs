using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// <see cref="FastTaskReader"/>: on every fixture task it reads the task itself, identical to the exact reader's; it
/// gives up on each form it does not handle; and the streaming readers give the same tasks with and without it.
/// </summary>
public class FastTaskReaderTests
{
    private const int ElementDepth = 63;

    private static readonly SkippedTaskMembers[] SkipCombinations = SkipSets.Combinations;

    /// <summary>The fixture exports and the API's task lists (plain arrays, Data Manager pages, one created task).</summary>
    public static IEnumerable<string> FixtureTaskFiles() =>
        Fixtures.TaskLists().Select(c => (string)c.Arguments[0]!)
            .Concat(["Api/exports__download__response.json", "Api/import__tasks__request.json", "Api/import__tasks_with_predictions__request.json",
                "Api/tasks__list__response.json", "Api/views__tasks__response.json", "Api/tasks__create__response.json"]);

    private static IEnumerable<TestCaseData> FixtureTaskFileCases() =>
        FixtureTaskFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    [TestCaseSource(nameof(FixtureTaskFileCases))]
    public void TryRead_FixtureTasks_AcceptedAndIdenticalToTheExactReader(string file)
    {
        var tasks = FastReaderOracle.TaskElements(Fixtures.Path(file));
        tasks.Should().NotBeEmpty();
        foreach (var skipped in SkipCombinations)
        {
            for (var i = 0; i < tasks.Count; i++)
            {
                // Real exports are the ordinary case: every one of their tasks must take the fast path.
                FastReaderOracle.Check(tasks[i], skipped, ElementDepth, $"task {i} of {file}, {skipped}")
                    .Should().Be(FastReaderOracle.Outcome.Accepted, $"task {i} of {file} is an ordinary task ({skipped})");
            }
        }
    }

    [Test]
    public void TryRead_EveryHotMember_ReadAndIdentical()
    {
        var json = """
            {"id":12,"data":{"image":"a.jpg"},"meta":{},"annotations":[{"id":3,"completed_by":{"id":1,"email":"a@b"},"result":[
            {"original_width":1920,"original_height":1080,"image_rotation":0,"value":{"x":26.827389647638,"y":1e-3,"width":21.5,"height":3,"rotation":null,"rectanglelabels":["Car","é"]},"id":"r1","from_name":"label","to_name":"image","type":"rectanglelabels","origin":"manual","score":0.5,"readonly":false,"hidden":true,"meta":{"text":["x"]},"extra":[1]},
            {"type":"polygon","value":{"points":[[1,2],[3.5,4.25]],"closed":false}},
            {"type":"keypointlabels","value":{"x":1,"y":2,"width":null,"keypointlabels":["Head"],"more":{}},"parentID":"r1"},
            {"type":"choices","value":{"choices":["A","B"]}},
            {"type":"labels","value":{"start":0,"end":4,"text":"Text","labels":["PER"]}},
            {"type":"relation","from_id":"r1","to_id":"r2","direction":"right","labels":["rel"]},
            {"type":"brushlabels","value":{"format":"rle","rle":[1,2],"brushlabels":["B"]}},
            {"type":"custom_type","value":{"anything":true}}
            ],"was_cancelled":false,"ground_truth":null,"created_at":"2024-03-01T09:05:37.000000Z","updated_at":"2024-03-01T09:05:37","draft_created_at":null,
            "lead_time":45.449,"prediction":{},"result_count":0,"unique_id":"u","import_id":null,"last_action":"x","bulk_created":false,"task":12,"project":7,
            "updated_by":null,"parent_prediction":null,"parent_annotation":2,"last_created_by":null,"created_username":"me","created_ago":"now","state":"s"}],
            "predictions":[{"id":1,"result":[{"type":"choices","value":{"choices":["P"]}}],"score":0.2}],"drafts":[{"id":1,"result":[]}],
            "created_at":"2024-03-01T09:00:37.000000Z","updated_at":"2024-03-01T10:00:37.000000Z","inner_id":1,"total_annotations":2,"cancelled_annotations":0,
            "total_predictions":1,"comment_count":0,"unresolved_comment_count":0,"last_comment_updated_at":null,"project":7,"updated_by":[{"user_id":1}],
            "file_upload":"f.json","comment_authors":[],"agreement":87.5,"is_labeled":true,"overlap":1,"custom":{"k":[1,2,{"z":null}]}}
            """;
        var element = Encoding.UTF8.GetBytes(json);

        foreach (var skipped in SkipCombinations)
        {
            FastReaderOracle.Check(element, skipped, ElementDepth, skipped.ToString()).Should().Be(FastReaderOracle.Outcome.Accepted);
        }

        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var task).Should().BeTrue();
        var results = task!.Annotations[0].Results;
        results.Select(r => r.Value?.GetType().Name).Should().Equal(
            "RectangleValue", "PolygonValue", "KeyPointValue", "ChoicesValue", "LabelsValue", null, "BrushValue", "RawResultValue");
        ((RectangleValue)results[0].Value!).X.Should().Be(26.827389647638);
        ((RectangleValue)results[0].Value!).Y.Should().Be(0.001);
        task.Predictions.Should().ContainSingle();
        task.AdditionalProperties!.Keys.Should().Equal("custom");
    }

    // ReadOnlyLabelLists (the export runner's promise that its exporters never change a label list): a one-label list
    // is one shared array per label; lists of several labels, empty lists and reads without the promise stay lists of
    // their own. The values are those of the exact reader either way (the oracle tests run every skip set).
    [Test]
    public void TryRead_ReadOnlyLabelLists_OneLabelListsSharedOthersOwn()
    {
        var json = """
            {"id":1,"data":{},"annotations":[{"id":1,"result":[
            {"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"rectanglelabels":["Car"]}},
            {"type":"polygonlabels","value":{"points":[[1,2]],"polygonlabels":["Car"]}},
            {"type":"choices","value":{"choices":["Car"]}},
            {"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"rectanglelabels":["Car","Bus"]}},
            {"type":"keypointlabels","value":{"x":1,"y":2,"keypointlabels":[]}},
            {"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"rectanglelabels":["Bus"]}}
            ]}]}
            """;
        var element = Encoding.UTF8.GetBytes(json);
        var pool = new JsonStringPool();

        FastTaskReader.TryRead(element, pool, ElementDepth, SkippedTaskMembers.ReadOnlyLabelLists, out var first).Should().BeTrue();
        FastTaskReader.TryRead(element, pool, ElementDepth, SkippedTaskMembers.ReadOnlyLabelLists, out var second).Should().BeTrue();
        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var owned).Should().BeTrue();

        var labels = first!.Annotations[0].Results.Select(r => r.GetLabels()).ToList();
        labels.Select(l => string.Join("|", l)).Should().Equal("Car", "Car", "Car", "Car|Bus", string.Empty, "Bus");
        labels[0].Should().BeOfType<string[]>().And.BeSameAs(labels[1]).And.BeSameAs(labels[2]);
        labels[5].Should().BeOfType<string[]>().And.NotBeSameAs(labels[0]);
        labels[3].Should().BeOfType<List<string>>();
        labels[4].Should().BeOfType<List<string>>();
        second!.Annotations[0].Results[0].GetLabels().Should().BeSameAs(labels[0], "the pool keeps the array from task to task");

        var ownLabels = owned!.Annotations[0].Results.Select(r => r.GetLabels()).ToList();
        ownLabels.Select(l => string.Join("|", l)).Should().Equal("Car", "Car", "Car", "Car|Bus", string.Empty, "Bus");
        ownLabels.Should().AllBeOfType<List<string>>();
        ownLabels[0].Should().NotBeSameAs(ownLabels[1]);
    }

    // The pool's slots are shared by strings that hash alike; a label evicted and met again gets a new array with the
    // right label, and the array handed out before keeps its label.
    [Test]
    public void GetSingletonList_ManyLabelsEvictingEachOther_EachArrayHoldsItsLabel()
    {
        var pool = new JsonStringPool();
        var handedOut = new List<(string Label, string[] List)>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 3000; i++)
            {
                var label = "label-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                handedOut.Add((label, pool.GetSingletonList(Encoding.UTF8.GetBytes(label))));
            }
        }

        handedOut.Should().OnlyContain(h => h.List.Length == 1 && h.List[0] == h.Label);
        var long65 = new string('x', 65);
        pool.GetSingletonList(Encoding.UTF8.GetBytes(long65)).Should().Equal(long65);
    }

    [Test]
    public void TryRead_ValueBeforeType_TypedByTheLaterType()
    {
        var element = Encoding.UTF8.GetBytes("""{"annotations":[{"result":[{"value":{"x":1,"y":2,"width":3,"height":4},"id":"a","type":"rectangle"}]}]}""");

        FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, "value first").Should().Be(FastReaderOracle.Outcome.Accepted);
        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var task).Should().BeTrue();
        task!.Annotations[0].Results[0].Value.Should().BeOfType<RectangleValue>().Which.Height.Should().Be(4);
    }

    [Test]
    public void TryRead_ShapeNotMatchingTheType_KeptRawAsTheExactReaderKeepsIt()
    {
        // "x" is a string: the exact reader's rectangle converter fails and keeps the value as raw JSON.
        var element = Encoding.UTF8.GetBytes("""{"annotations":[{"result":[{"type":"rectanglelabels","value":{"x":"1","y":2}}]}]}""");

        FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, "mismatch").Should().Be(FastReaderOracle.Outcome.Accepted);
        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var task).Should().BeTrue();
        task!.Annotations[0].Results[0].Value.Should().BeOfType<RawResultValue>();
    }

    [TestCase("""{"id":1,"\u0069d":2}""", TestName = "TryRead_EscapedMemberName_GivesUp")]
    [TestCase("""{"id":1,"id":2}""", TestName = "TryRead_DuplicatedMember_GivesUp")]
    [TestCase("""{"annotations":[{"result":[{"type":"choices","type":"labels"}]}]}""", TestName = "TryRead_DuplicatedResultType_GivesUp")]
    [TestCase("""{"id":1.0}""", TestName = "TryRead_IntegerWrittenWithAFraction_GivesUp")]
    [TestCase("""{"id":1e3}""", TestName = "TryRead_IntegerWrittenWithAnExponent_GivesUp")]
    [TestCase("""{"annotations":[{"result":[{"original_width":2147483648}]}]}""", TestName = "TryRead_Int32MemberOverflowing_GivesUp")]
    [TestCase("""{"id":1,}""", TestName = "TryRead_TrailingComma_GivesUp")]
    [TestCase("""{"id":1 /* c */}""", TestName = "TryRead_Comment_GivesUp")]
    [TestCase("""{"id":01}""", TestName = "TryRead_LeadingZero_GivesUp")]
    [TestCase("""{"id":tru}""", TestName = "TryRead_TruncatedLiteral_GivesUp")]
    [TestCase("""{"x":"\q"}""", TestName = "TryRead_InvalidEscape_GivesUp")]
    [TestCase("{\"x\":\"a\u0001b\"}", TestName = "TryRead_RawControlCharacterInString_GivesUp")]
    [TestCase("""{"annotations":[{"result":[{"from_name":"\ud800"}]}]}""", TestName = "TryRead_LoneSurrogateEscape_GivesUp")]
    [TestCase("""{"data":{"text":"\ud800"}}""", TestName = "TryRead_LoneSurrogateEscapeInHandedBackData_GivesUp")]
    [TestCase("""{"data":{"text":"\udc00\ud800"}}""", TestName = "TryRead_SurrogatesInTheWrongOrder_GivesUp")]
    [TestCase("""{"agreement":1e400}""", TestName = "TryRead_NumberBeyondADouble_GivesUp")]
    [TestCase("""{"agreement":-1e400}""", TestName = "TryRead_NegativeNumberBeyondADouble_GivesUp")]
    [TestCase("""{"annotations":{}}""", TestName = "TryRead_AnnotationsNotAnArray_GivesUp")]
    [TestCase("""{"data":[]}""", TestName = "TryRead_DataNotAnObject_GivesUp")]
    [TestCase("""{"id":1} """, TestName = "TryRead_BytesAfterTheTask_GivesUp")]
    [TestCase("""{"predictions":[{"result":[1,]}]}""", TestName = "TryRead_MalformedSkippedPredictions_GivesUp")]
    [TestCase("""{"id":1""", TestName = "TryRead_Truncated_GivesUp")]
    public void TryRead_UnhandledOrInvalidForm_GivesUp(string json)
    {
        var element = Encoding.UTF8.GetBytes(json);

        foreach (var skipped in SkipCombinations)
        {
            FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, skipped, out var task).Should().BeFalse(json);
            task.Should().BeNull();
            FastReaderOracle.Check(element, skipped, ElementDepth, json).Should().NotBe(FastReaderOracle.Outcome.Accepted);
        }
    }

    [TestCase("1e-400")]
    [TestCase("1E+2")]
    [TestCase("0.1000000000000000055511151231257827")]
    [TestCase("12345678901234567890.5")]
    public void TryRead_NumberOutsideThePlainDecimalForm_ParsedByTheReadersOwnParser(string number)
    {
        // FastDouble only takes plain decimals; the others are parsed by Utf8JsonReader as the exact reader parses them.
        var element = Encoding.UTF8.GetBytes($$$"""{"agreement":{{{number}}},"annotations":[{"result":[{"type":"rectangle","value":{"x":{{{number}}},"y":0,"width":1,"height":1}}]}]}""");

        FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, number).Should().Be(FastReaderOracle.Outcome.Accepted);
    }

    // Member names are predicted from the order of the previous object of the same kind, carried over by the pool from
    // task to task. Each variant below follows tasks that taught the usual order; names that are only close to the
    // predicted one (a prefix, an extension, another case, escaped, spaced) must be read as what they are, or given up on.
    private const string TeachingTask = """
        {"id":1,"data":{"image":"a.jpg"},"annotations":[{"id":1,"result":[
        {"original_width":10,"original_height":20,"value":{"x":1.5,"y":2,"width":3,"height":4,"rotation":0,"rectanglelabels":["Car"]},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"},
        {"value":{"points":[[1,2]],"closed":true,"polygonlabels":["Road"]},"id":"b","from_name":"poly","to_name":"image","type":"polygonlabels"},
        {"value":{"x":1,"y":2,"width":0.5,"keypointlabels":["Head"]},"id":"c","from_name":"kp","to_name":"image","type":"keypointlabels"},
        {"value":{"choices":["A"]},"id":"d","from_name":"c","to_name":"image","type":"choices"}
        ],"was_cancelled":false,"lead_time":1.5}],"predictions":[{"id":1,"result":[],"score":0.5,"model_version":"m"}],"project":7}
        """;

    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"project":7,"annotations":[]}""", TestName = "TryRead_PredictedMembersReordered_ReadAsTheExactReaderReadsThem")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_heigh":20,"value":{"x":1,"y":2,"width":3,"height":4,"rectanglelabel":["Car"]},"id":"a","from_nam":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_NamePrefixOfThePredictedOne_KeptAsAnUnknownMember")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_heightx":20,"value":{"x":1,"yy":2,"width":3,"height":4,"rotation0":0,"rectanglelabels":["Car"]},"ids":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_NameExtendingThePredictedOne_KeptAsAnUnknownMember")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"Original_Height":20,"value":{"x":1,"Y":2,"width":3,"height":4,"rotation":0,"rectanglelabels":["Car"]},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_NameDifferingInCaseFromThePredictedOne_KeptAsAnUnknownMember")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_height" :20,"value":{"x":1, "y" : 2,"width":3,"height":4},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_WhitespaceAroundAPredictedName_ReadAsTheExactReaderReadsIt")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"\u006friginal_height":20,"value":{"x":1,"y":2,"width":3,"height":4},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_EscapedPredictedName_GivesUp")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_width":20,"value":{"x":1,"y":2,"width":3,"height":4},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_MemberRepeatedWherePredictionExpectsAnother_GivesUp")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_height":20,"value":{"x":1,"x":2,"width":3,"height":4},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_ValueMemberRepeated_LeftToTheExactReader")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"extra":{"original_height":1},"original_height":20,"value":{"x":1,"extra":2,"y":2},"id":"a","type":"rectanglelabels","from_name":"label","to_name":"image"},{"value":{"choices":["B"]},"type":"choices"}]}],"predictions":[{"score":0.5,"id":1,"result":[]}]}""", TestName = "TryRead_UnknownMembersBetweenPredictedOnes_KeptAsTheExactReaderKeepsThem")]
    [TestCase("""{"id":2,"data":{"image":"b.jpg"},"annotations":[{"id":1,"result":[{"original_width":10,"original_height":20,"value":{"x":1,"y":2,"width":3,"height":4,"rotation":0,"rectanglelabels":["Car"]},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"},{"original_width":10,"original_height":20,"value":{"x":1,"y":2,"width":3,"height":4,"rotation":0,"rectanglelabels":["Car"]},"id":"a","from_name":"label","to_name":"image","type":"rectanglelabels"}]}]}""", TestName = "TryRead_PredictedOrderFollowedExactly_ReadAsTheExactReaderReadsIt")]
    public void TryRead_AfterTasksTeachingTheMemberOrder_SameOutcomeAsTheExactReader(string json)
    {
        foreach (var skipped in SkipCombinations)
        {
            var pool = new JsonStringPool();
            var teaching = Encoding.UTF8.GetBytes(TeachingTask.ReplaceLineEndings(string.Empty));
            var element = Encoding.UTF8.GetBytes(json);
            for (var round = 0; round < 3; round++)
            {
                // The teaching task, the variant, the variant again (now predicted from itself), all from one pool.
                FastReaderOracle.Check(teaching, skipped, ElementDepth, "teaching task", pool).Should().Be(FastReaderOracle.Outcome.Accepted);
                var expected = FastReaderOracle.Check(element, skipped, ElementDepth, json);
                FastReaderOracle.Check(element, skipped, ElementDepth, json, pool).Should().Be(expected, json);
                FastReaderOracle.Check(element, skipped, ElementDepth, json, pool).Should().Be(expected, json);
            }
        }
    }

    [Test]
    public void TryRead_PredictedNamesAcrossManyVariants_AlwaysIdenticalToTheExactReader()
    {
        // Members shuffled and renamed at random, read one after another from one pool: every prediction made from the
        // previous variant is right or wrong in some way, and the outcome must always be the exact reader's.
        var random = new Random(5);
        string[] results =
        [
            "\"original_width\":10", "\"original_height\":20", "\"image_rotation\":0", "\"value\":{\"x\":1.25,\"y\":2,\"width\":3,\"height\":4,\"rotation\":0,\"rectanglelabels\":[\"Car\"]}",
            "\"id\":\"a\"", "\"from_name\":\"label\"", "\"to_name\":\"image\"", "\"type\":\"rectanglelabels\"", "\"origin\":\"manual\"", "\"score\":0.5",
        ];
        string[] renamings = ["", "s", "_", "X"];
        var pool = new JsonStringPool();
        var counts = new Dictionary<FastReaderOracle.Outcome, int>();
        for (var i = 0; i < 400; i++)
        {
            var members = results.OrderBy(_ => random.Next(4)).Select(m =>
            {
                var renaming = renamings[random.Next(12) < 9 ? 0 : random.Next(1, renamings.Length)];
                return random.Next(2) == 0 ? m.Insert(m.IndexOf("\":", 1, StringComparison.Ordinal), renaming) : m.Insert(1, renaming);
            });
            var json = $$$"""{"id":{{{i}}},"annotations":[{"id":1,"result":[{{{{string.Join(",", members)}}}}]}]}""";
            var outcome = FastReaderOracle.Check(Encoding.UTF8.GetBytes(json), SkippedTaskMembers.None, ElementDepth, json, pool);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        counts.GetValueOrDefault(FastReaderOracle.Outcome.Accepted).Should().BeGreaterThan(300);
    }

    // from_name, to_name, origin and type remember their last token, quotes included, and reuse its string when the next
    // value is exactly those bytes: values that are prefixes or extensions of it, escaped spellings of it, non-ASCII and
    // over-long values, read one after another from one pool, must each be read as the exact reader reads them.
    [Test]
    public void TryRead_RepeatedStringValuesAndTheirNearMisses_ReadAsTheExactReaderReadsThem()
    {
        string[] values = ["label", "label", "labels", "labe", "label", "lab\\u0065l", "label", "Label", "été", "été", "étés", new string('n', 70), new string('n', 70), "", "", "label"];
        string[] types = ["rectanglelabels", "rectanglelabels", "rectanglelabelsx", "rectanglelabel", "choices", "rectangle\\u006cabels", "rectanglelabels", "custom", "custom"];
        var pool = new JsonStringPool();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var value = values[i];
                var type = types[i % types.Length];
                var json = $$$"""{"annotations":[{"result":[{"value":{"x":1,"y":2,"width":3,"height":4},"from_name":"{{{value}}}","to_name":"{{{value}}}","type":"{{{type}}}","origin":"{{{value}}}"},{"from_name":"{{{values[(i + 1) % values.Length]}}}","to_name":"x","type":"{{{types[(i + 2) % types.Length]}}}","origin":"{{{value}}}"}]}]}""";
                var element = Encoding.UTF8.GetBytes(json);

                FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, json, pool).Should().Be(FastReaderOracle.Outcome.Accepted, json);
                FastTaskReader.TryRead(element, pool, ElementDepth, SkippedTaskMembers.None, out var task).Should().BeTrue();
                var result = task!.Annotations[0].Results[0];
                var expected = value.Replace("\\u0065", "e", StringComparison.Ordinal);
                result.FromName.Should().Be(expected);
                result.ToName.Should().Be(expected);
                result.Origin.Should().Be(expected);
                result.Type.Value.Should().Be(type.Replace("\\u006c", "l", StringComparison.Ordinal));
            }
        }
    }

    // Digit runs are converted a word at a time, a partial word at a run's end: every integer-part and fraction length
    // (1 to 24 digits, either side of the 8-digit words, of 19 digits exact in a ulong and of 2^53), with the number's
    // end at every distance from the element's end (the last seven bytes are read one at a time), must give the
    // exact reader's double bit for bit, and the exact reader's integer or its refusal.
    [Test]
    public void TryRead_DigitRunsOfEveryLength_SameNumbersAsTheExactReader()
    {
        const string Digits = "987654321098765432109876";
        for (var integerDigits = 1; integerDigits <= 24; integerDigits++)
        {
            for (var fractionDigits = 0; fractionDigits <= 24; fractionDigits++)
            {
                var number = Digits[..integerDigits] + (fractionDigits > 0 ? "." + Digits[(24 - fractionDigits)..] : string.Empty);
                foreach (var text in new[] { number, "-" + number })
                {
                    var element = Encoding.UTF8.GetBytes($$$"""{"annotations":[{"lead_time":{{{text}}},"result":[{"type":"rectangle","value":{"x":{{{text}}},"y":{{{text}}}}}]}],"agreement":{{{text}}}}""");
                    FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, text).Should().Be(FastReaderOracle.Outcome.Accepted, text);

                    for (var tail = 0; tail <= 9; tail++)
                    {
                        var padded = Encoding.UTF8.GetBytes($$$"""{"id":1,"overlap":1,"inner_id":{{{text}}}{{{new string(' ', tail)}}}}""");
                        var slow = FastReaderOracle.ReadSlow(padded, SkippedTaskMembers.None, ElementDepth, out _);
                        var outcome = FastReaderOracle.Check(padded, SkippedTaskMembers.None, ElementDepth, text);
                        if (fractionDigits == 0 && integerDigits <= 18)
                        {
                            outcome.Should().Be(FastReaderOracle.Outcome.Accepted, text);
                        }

                        if (outcome == FastReaderOracle.Outcome.Accepted)
                        {
                            FastTaskReader.TryRead(padded, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var fast);
                            fast!.InnerId.Should().Be(slow!.InnerId, text);
                        }
                    }
                }
            }
        }
    }

    // The forms read directly (Z, no offset = UTC, explicit offsets, 1 to 7 fraction digits, a leap day) and forms left to
    // TimestampConverter (8 fraction digits, a leap second, an impossible day, year 1, offsets at the limit, lowercase t):
    // either way the instant, its offset and the kept text are those of the exact reader.
    [TestCase("2024-03-01T09:05:37.000000Z")]
    [TestCase("2024-03-01T09:05:37Z")]
    [TestCase("2024-03-01T09:05:37")]
    [TestCase("2024-03-01T09:05:37.5")]
    [TestCase("2024-03-01T09:05:37.1234567")]
    [TestCase("2024-03-01T09:05:37.123+05:30")]
    [TestCase("2024-03-01T23:59:59.999999-08:00")]
    [TestCase("2024-02-29T00:00:00Z")]
    [TestCase("9998-12-31T23:59:59-13:59")]
    [TestCase("2024-03-01T09:05:37.12345678Z")]
    [TestCase("2024-03-01T09:05:60Z")]
    [TestCase("2023-02-29T00:00:00Z")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("2024-03-01T09:05:37+14:00")]
    [TestCase("2024-03-01t09:05:37Z")]
    [TestCase("2024-03-01T09:05:37.Z")]
    [TestCase("2024-03-01T09:05:37+0530")]
    [TestCase("2024-13-01T09:05:37Z")]
    [TestCase("2024-03-01")]
    public void TryRead_Timestamp_SameInstantOffsetAndTextAsTheExactReader(string text)
    {
        var element = Encoding.UTF8.GetBytes($$$"""{"created_at":"{{{text}}}","annotations":[{"updated_at":"{{{text}}}","result":[]}]}""");

        var accepted = FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var fast);
        var slow = FastReaderOracle.ReadSlow(element, SkippedTaskMembers.None, ElementDepth, out _);

        accepted.Should().Be(slow is not null, "the fast reader fails exactly where the exact reader fails");
        if (accepted)
        {
            foreach (var (a, b) in new[] { (fast!.CreatedAt, slow!.CreatedAt), (fast.Annotations[0].UpdatedAt, slow.Annotations[0].UpdatedAt) })
            {
                a!.Value.Value.Ticks.Should().Be(b!.Value.Value.Ticks);
                a.Value.Value.Offset.Should().Be(b.Value.Value.Offset);
                a.Value.ToString().Should().Be(b.Value.ToString()).And.Be(text);
            }
        }
    }

    // The string scan steps eight bytes at a time: one special byte at every offset (inside the first word, on a word's edge,
    // in the byte-by-byte tail) must still end the run, be stepped over or make the reader give up, as the tokenizer decides.
    [TestCase("\u00e9", true, "é", TestName = "TryRead_NonAsciiAtEveryOffset_ReadAsTheExactReaderReadsIt")]
    [TestCase("\\\"", true, "\"", TestName = "TryRead_EscapedQuoteAtEveryOffset_ReadAsTheExactReaderReadsIt")]
    [TestCase("\\u00e9", true, "é", TestName = "TryRead_UnicodeEscapeAtEveryOffset_ReadAsTheExactReaderReadsIt")]
    [TestCase("\u007f", true, "\u007f", TestName = "TryRead_DeleteCharacterAtEveryOffset_ReadAsTheExactReaderReadsIt")]
    [TestCase("\u0001", false, "", TestName = "TryRead_RawControlCharacterAtEveryOffset_GivesUp")]
    [TestCase("\u001f", false, "", TestName = "TryRead_RawUnitSeparatorAtEveryOffset_GivesUp")]
    public void TryRead_SpecialByteAtEveryOffsetOfAString_SameOutcomeAsTheExactReader(string special, bool valid, string decoded)
    {
        const string Text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var offset = 0; offset <= Text.Length; offset++)
        {
            var content = Text[..offset] + special + Text[offset..];
            var element = Encoding.UTF8.GetBytes($$$"""{"annotations":[{"unique_id":"{{{content}}}","result":[{"from_name":"{{{content}}}","type":"choices","value":{"choices":["{{{content}}}"]}}]}],"x":"{{{content}}}"}""");

            var outcome = FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, content);

            if (valid)
            {
                outcome.Should().Be(FastReaderOracle.Outcome.Accepted, content);
                FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var task);
                task!.Annotations[0].UniqueId.Should().Be(Text[..offset] + decoded + Text[offset..]);
                task.Annotations[0].Results[0].FromName.Should().Be(Text[..offset] + decoded + Text[offset..]);
            }
            else
            {
                outcome.Should().NotBe(FastReaderOracle.Outcome.Accepted, content);
            }
        }
    }

    [Test]
    public void TryRead_InvalidUtf8AtEveryOffsetOfAString_GivesUp()
    {
        const string Text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var offset = 0; offset <= Text.Length; offset++)
        {
            byte[] element = [.. "{\"annotations\":[{\"unique_id\":\""u8, .. Encoding.ASCII.GetBytes(Text[..offset]), 0xC3, 0x28, .. Encoding.ASCII.GetBytes(Text[offset..]), .. "\"}]}"u8];

            FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out _).Should().BeFalse();
            FastReaderOracle.Check(element, SkippedTaskMembers.None, ElementDepth, "invalid UTF-8").Should().Be(FastReaderOracle.Outcome.BothFailed);
        }
    }

    // User ids are built without a JsonDocument each: the nodes must still be what JsonNode.Parse gives (a JsonValue over a
    // JsonElement, not over a primitive), whatever is asked of them, and equal ids in one read must stay separate nodes.
    [TestCase("4")]
    [TestCase("-7")]
    [TestCase("0")]
    [TestCase("2147483648")]
    [TestCase("12345678901234567890123")]
    [TestCase("1.5")]
    [TestCase("1e3")]
    [TestCase("-0.0")]
    public void TryRead_NumericUserId_SameNodeAsTheExactReader(string number)
    {
        var element = Encoding.UTF8.GetBytes($$$"""{"updated_by":{{{number}}},"annotations":[{"completed_by":{{{number}}},"result":[]},{"completed_by":{{{number}}},"updated_by":{{{number}}},"result":[]}]}""");

        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.None, out var fast).Should().BeTrue();
        var slow = FastReaderOracle.ReadSlow(element, SkippedTaskMembers.None, ElementDepth, out _)!;

        var pairs = new[]
        {
            (fast!.UpdatedBy, slow.UpdatedBy),
            (fast.Annotations[0].CompletedBy, slow.Annotations[0].CompletedBy),
            (fast.Annotations[1].CompletedBy, slow.Annotations[1].CompletedBy),
            (fast.Annotations[1].UpdatedBy, slow.Annotations[1].UpdatedBy),
        };
        foreach (var (a, b) in pairs)
        {
            a!.GetType().Should().Be(b!.GetType());
            a.GetValueKind().Should().Be(b.GetValueKind()).And.Be(JsonValueKind.Number);
            a.ToJsonString().Should().Be(b.ToJsonString()).And.Be(number);
            a.Parent.Should().BeNull();
            a.AsValue().TryGetValue<JsonElement>(out var elementA).Should().Be(b.AsValue().TryGetValue<JsonElement>(out var elementB));
            elementA.GetRawText().Should().Be(elementB.GetRawText());
            a.AsValue().TryGetValue<int>(out var intA).Should().Be(b.AsValue().TryGetValue<int>(out var intB));
            intA.Should().Be(intB);
            a.AsValue().TryGetValue<double>(out var doubleA).Should().Be(b.AsValue().TryGetValue<double>(out var doubleB));
            doubleA.Should().Be(doubleB);
            JsonNode.DeepEquals(a, b).Should().BeTrue();
        }

        pairs[1].Item1.Should().NotBeSameAs(pairs[2].Item1, "each annotation owns its node");
    }

    [Test]
    public void TryRead_InvalidUtf8InASkippedString_GivesUp()
    {
        byte[] element = [.. "{\"predictions\":[{\"s\":\"a"u8, 0xC3, 0x28, .. "\"}]}"u8];

        FastTaskReader.TryRead(element, new JsonStringPool(), ElementDepth, SkippedTaskMembers.Predictions, out _).Should().BeFalse();
    }

    [Test]
    public void TryRead_NestingOverTheLimit_GivesUpWhereTheExactReaderFails()
    {
        // The task is level 1, "custom" holds three more: four levels in all.
        var element = Encoding.UTF8.GetBytes("""{"custom":[[[1]]]}""");

        FastTaskReader.TryRead(element, new JsonStringPool(), 4, SkippedTaskMembers.None, out _).Should().BeTrue();
        FastTaskReader.TryRead(element, new JsonStringPool(), 3, SkippedTaskMembers.None, out _).Should().BeFalse();
        FastReaderOracle.ReadSlow(element, SkippedTaskMembers.None, 3, out _).Should().BeNull();
    }

    [TestCaseSource(nameof(FixtureTaskFileCases))]
    public async Task ReadTasksAsync_FixtureWithAndWithoutTheFastReader_SameTasks(string file)
    {
        var path = Fixtures.Path(file);
        if (!file.StartsWith("Api/tasks__create", StringComparison.Ordinal) && FastReaderOracle.TaskElements(path).Count > 0)
        {
            foreach (var skipped in SkipCombinations)
            {
                var fast = await ReadAllAsync(path, new LabelStudioJsonReaderOptions { SkippedTaskMembers = skipped }, file);
                var exact = await ReadAllAsync(path, new LabelStudioJsonReaderOptions { SkippedTaskMembers = skipped, DisableFastTaskReader = true }, file);

                fast.Should().NotBeEmpty().And.Equal(exact);
            }
        }
    }

    private static async Task<List<string>> ReadAllAsync(string path, LabelStudioJsonReaderOptions options, string file)
    {
        var signatures = new List<string>();
        await using var stream = File.OpenRead(path);
        if (file.Contains("tasks__list", StringComparison.Ordinal) || file.Contains("views__tasks", StringComparison.Ordinal))
        {
            await foreach (var task in new TaskListReader(stream, options).ReadAllAsync())
            {
                signatures.Add(FastReaderOracle.Signature(task));
            }
        }
        else
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, options))
            {
                signatures.Add(FastReaderOracle.Signature(task));
            }
        }

        return signatures;
    }
}
