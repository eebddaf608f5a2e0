using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// Two kinds of input are valid JSON yet cannot be written back by any System.Text.Json writer: a <c>\u</c> escape of an
/// unpaired UTF-16 surrogate (no UTF-8 text can hold it) and a number beyond a double's range (1e400 parses to infinity).
/// Read as they were before, they crashed the export later without a position; the readers now refuse them where they
/// are. Positions are worked out by hand from the input (byte offsets zero-based, lines and columns one-based). Every case
/// runs with the fast task reader and without it, on one thread and on four.
/// </summary>
[TestFixture(1, false)]
[TestFixture(4, false)]
[TestFixture(1, true)]
[TestFixture(4, true)]
public class UnwritableValueTests(int parallelism, bool exactOnly)
{
    // `[{"id":1,"data":{"text":"a` is 26 bytes, so the backslash of the escape right after it is at offset 26.
    [TestCase("""\ud800""", TestName = "ReadTasksAsync_LoneHighSurrogateInData_ReportsTheEscape")]
    [TestCase("""\udc00""", TestName = "ReadTasksAsync_LoneLowSurrogateInData_ReportsTheEscape")]
    [TestCase("""\uD800\u0041""", TestName = "ReadTasksAsync_HighSurrogateFollowedByAnotherEscape_ReportsTheHighOne")]
    [TestCase("""\ud800x""", TestName = "ReadTasksAsync_HighSurrogateFollowedByAPlainCharacter_ReportsIt")]
    public async Task ReadTasksAsync_UnpairedSurrogateEscape_ReportsItsPosition(string escape)
    {
        var input = "[{\"id\":1,\"data\":{\"text\":\"a" + escape + "b\"}}]";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(0);
        error.ByteOffset.Should().Be(26);
        error.Line.Should().Be(1);
        error.Column.Should().Be(27);
        error.Message.Should().Contain("unpaired UTF-16 surrogate");
    }

    [Test]
    public async Task ReadTasksAsync_UnpairedSurrogateInASecondTaskOnLineTwo_NamesThatTaskAndLine()
    {
        // Line 2 starts at offset 11 (after `[{"id":1},\n`); the region id's escape follows `{"id":2,"annotations":[{"result":[{"id":"`
        // (41 bytes), so it is at offset 52, column 42.
        var input = "[{\"id\":1},\n{\"id\":2,\"annotations\":[{\"result\":[{\"id\":\"\\udfff\"}]}]}]";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(1);
        error.Line.Should().Be(2);
        error.ByteOffset.Should().Be(52);
        error.Column.Should().Be(42);
    }

    [Test]
    public async Task ReadTasksAsync_SurrogatePairWrittenAsTwoEscapes_IsReadAndWrittenBack()
    {
        // U+1F600 as the pair \ud83d\ude00, in the data and in a label: one character, which UTF-8 writes as F0 9F 98 80.
        const string input = """[{"id":1,"data":{"text":"a\ud83d\ude00"},"annotations":[{"result":[{"type":"labels","value":{"labels":["\ud83d\ude00"]}}]}]}]""";

        var tasks = await ReadAllAsync(input);

        tasks[0].Data["text"]!.GetValue<string>().Should().Be("a\U0001F600");
        tasks[0].Annotations[0].Results[0].Value.Should().BeOfType<LabelsValue>().Which.Labels.Should().Equal("\U0001F600");
        var again = LabelStudioJson.DeserializeTask(LabelStudioJson.SerializeToUtf8Bytes(tasks[0]));
        again.Data["text"]!.GetValue<string>().Should().Be("a\U0001F600");
    }

    [Test]
    public async Task ReadTasksAsync_EscapedBackslashBeforeLetters_IsNoEscapeOfASurrogate()
    {
        // `\\ud800` is a backslash followed by the letters "ud800": plain text, nothing to refuse.
        const string input = """[{"id":1,"data":{"text":"\\ud800"}}]""";

        var tasks = await ReadAllAsync(input);

        tasks[0].Data["text"]!.GetValue<string>().Should().Be("\\ud800");
    }

    // `[{"id":1,"annotations":[{"lead_time":` is 37 bytes: the number starts at offset 37.
    [TestCase("1e400")]
    [TestCase("-1e400")]
    [TestCase("1.5e309")]
    public async Task ReadTasksAsync_NumberBeyondADouble_ReportsTheMemberAndTheNumber(string number)
    {
        // Each overflows a double (the largest is about 1.797e308), whatever its digits.
        var input = "[{\"id\":1,\"annotations\":[{\"lead_time\":" + number + "}]}]";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(0);
        error.Path.Should().StartWith("$.annotations");
        error.Message.Should().Contain(number).And.Contain("range of a double");
        error.ByteOffset.Should().BeInRange(23, 37 + number.Length);
    }

    [Test]
    public async Task ReadTasksAsync_NumberBeyondADoubleInARegion_KeepsTheValueAsWritten()
    {
        // A region value that does not fit its typed shape is kept as its JSON text (RawResultValue), so it is written back
        // exactly as read and the exporters count the region as one they cannot convert.
        const string input = """[{"id":1,"annotations":[{"result":[{"type":"rectanglelabels","value":{"x":1e400,"y":0,"width":1,"height":1,"rectanglelabels":["A"]}}]}]}]""";

        var tasks = await ReadAllAsync(input);

        tasks[0].Annotations[0].Results[0].Value.Should().BeOfType<RawResultValue>();
        Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(tasks[0])).Should().Contain("\"x\":1e400");
    }

    [TestCase("ellipse", """{"x":1e400,"y":1,"radiusX":1,"radiusY":2,"rotation":0}""")]
    [TestCase("number", """{"number":1e400}""")]
    [TestCase("rating", """{"rating":-1e400}""")]
    public async Task ReadTasksAsync_NumberBeyondADoubleInAGeneratedValueType_KeepsTheValueAsWritten(string type, string value)
    {
        // These value types are read by the source-generated serializer, which read 1e400 as infinity and then crashed
        // the JSON writer: the double converter now refuses it, so the value is kept as its JSON text.
        var input = $$"""[{"id":1,"annotations":[{"result":[{"type":"{{type}}","value":{{value}}}]}]}]""";

        var tasks = await ReadAllAsync(input);

        tasks[0].Annotations[0].Results[0].Value.Should().BeOfType<RawResultValue>();
        Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(tasks[0])).Should().Contain(value);
    }

    [Test]
    public async Task ReadTasksAsync_NumberBelowTheSmallestDouble_ReadsAsZeroAsEveryParserDoes()
    {
        // Underflow is not an error: 1e-400 rounds to 0, which any writer writes.
        var tasks = await ReadAllAsync("""[{"id":1,"annotations":[{"lead_time":1e-400}]}]""");

        tasks[0].Annotations[0].LeadTime.Should().Be(0);
    }

    [Test]
    public async Task ReadTasksAsync_HugeNumberInData_IsKeptAsWritten()
    {
        // Data values stay JSON text, written back exactly as read, so a huge number there is no problem.
        var tasks = await ReadAllAsync("""[{"id":1,"data":{"n":1e400}}]""");

        Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(tasks[0])).Should().Contain("1e400");
    }

    [Test]
    public void DeserializeTask_UnpairedSurrogate_ReportsItsPosition()
    {
        // `{"data":{"t":"` is 14 bytes: the escape starts at offset 14, column 15.
        var act = () => LabelStudioJson.DeserializeTask("""{"data":{"t":"\ud800"}}"""u8);

        var error = act.Should().Throw<LabelStudioJsonException>().Which;
        error.ByteOffset.Should().Be(14);
        error.Column.Should().Be(15);
    }

    [Test]
    public void DeserializeAnnotation_NumberBeyondADouble_IsRefused()
    {
        var act = () => LabelStudioJson.DeserializeAnnotation("""{"lead_time":1e400}"""u8);

        act.Should().Throw<LabelStudioJsonException>().Which.Message.Should().Contain("1e400");
    }

    private LabelStudioJsonReaderOptions Options => new() { MaxDegreeOfParallelism = parallelism, DisableFastTaskReader = exactOnly };

    private async Task<List<LabelStudioTask>> ReadAllAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, Options))
        {
            tasks.Add(task);
        }

        return tasks;
    }

    private async Task<LabelStudioJsonException> ReadErrorAsync(string json)
    {
        var act = () => ReadAllAsync(json);
        return (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
    }
}
