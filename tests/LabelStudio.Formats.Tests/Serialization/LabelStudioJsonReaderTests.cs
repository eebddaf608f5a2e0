using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// The streaming reader on good and bad input. Expected positions are worked out by hand from the input text
/// (byte offsets are zero-based, lines and columns one-based). Every case runs twice: read on the caller's thread
/// (MaxDegreeOfParallelism 1) and framed on one thread while batches are deserialized on four.
/// </summary>
[TestFixture(1)]
[TestFixture(4)]
public class LabelStudioJsonReaderTests(int parallelism)
{
    [Test]
    public async Task ReadTasksAsync_TwoTasks_YieldsThemInOrder()
    {
        var tasks = await ReadAllAsync("""[{"id":1,"data":{"text":"a"}},{"id":2,"data":{"text":"b"}}]""");

        tasks.Select(t => t.Id).Should().Equal(1L, 2L);
        tasks[1].Data["text"]!.GetValue<string>().Should().Be("b");
    }

    [Test]
    public async Task ReadTasksAsync_SingleTaskObject_YieldsOneTask()
    {
        // The official converter treats a file starting with '{' as one task.
        var tasks = await ReadAllAsync("""  {"id":7,"data":{}}  """);

        tasks.Should().ContainSingle().Which.Id.Should().Be(7);
    }

    [Test]
    public async Task ReadTasksAsync_EmptyArrayWithBom_YieldsNothing()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(" [ ] \n")).ToArray();

        (await ReadAllAsync(bytes)).Should().BeEmpty();
    }

    [Test]
    public async Task ReadTasksAsync_OneByteAtATimeWithTinyBuffer_ReadsTheSameTasks()
    {
        var input = await File.ReadAllBytesAsync(Fixtures.Path("Formats/synthetic_image_small/export.json"));
        var expected = await ReadAllAsync(input);

        var trickled = new List<LabelStudioTask>();
        await foreach (var task in LabelStudioJson.ReadTasksAsync(new TrickleStream(input, 7), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism, BufferSize = 16 }))
        {
            trickled.Add(task);
        }

        expected.Should().NotBeEmpty();
        trickled.Select(t => t.Id).Should().Equal(expected.Select(t => t.Id));
        trickled.Select(t => t.Annotations.Sum(a => a.Results.Count)).Should().Equal(expected.Select(t => t.Annotations.Sum(a => a.Results.Count)));
    }

    [Test]
    public async Task ReadTasksAsync_HugeWhitespaceBetweenTasks_ReadsBothTasks()
    {
        var input = "[{\"id\":1}," + new string(' ', 3_000_000) + "\n\t\r\n{\"id\":2}]";

        (await ReadAllAsync(input)).Select(t => t.Id).Should().Equal(1L, 2L);
    }

    [Test]
    public async Task ReadTasksAsync_HugeWhitespaceThenGarbage_ReportsTheGarbageOffset()
    {
        // '[' at 0, then 1 000 000 spaces (offsets 1..1000000), then 'x' at 1000001.
        var input = "[" + new string(' ', 1_000_000) + "x]";

        var error = await ReadErrorAsync(input);

        error.ByteOffset.Should().Be(1_000_001);
        error.Line.Should().Be(1);
        error.Column.Should().Be(1_000_002);
    }

    [Test]
    public async Task ReadTasksAsync_TruncatedInsideSecondTask_NamesTaskOneAndAnOffsetInsideIt()
    {
        // Task 1 starts at offset 10 ('[' + the 8 bytes of task 0 + ','); the input ends at 20.
        const string input = """[{"id":1},{"id":2,"da""";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(1);
        error.ByteOffset.Should().BeInRange(10, input.Length);
    }

    [Test]
    public async Task ReadTasksAsync_TruncatedAfterATask_ReportsTheEndOfInput()
    {
        // '[' + the 8 bytes of {"id":1}: the data ends at offset 9, where ',' or ']' was expected.
        const string input = """[{"id":1}""";

        var error = await ReadErrorAsync(input);

        error.ByteOffset.Should().Be(9);
        error.Message.Should().Contain("truncated");
    }

    [Test]
    public async Task ReadTasksAsync_WrongTypeInSecondTask_NamesTaskPathAndTheValueToken()
    {
        // Task 1 starts at 10; its value "x" spans offsets 16..18.
        const string input = """[{"id":1},{"id":"x"}]""";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(1);
        error.Path.Should().Be("$.id");
        error.ByteOffset.Should().BeInRange(16, 19);
    }

    [Test]
    public async Task ReadTasksAsync_ErrorOnThirdLine_ReportsLineAndColumn()
    {
        // Line 3 starts at offset 3 (after "[\n\n") and is `  {"id": true}]`: the task's '{' is at offset 5 (column 3) and
        // `true` 7 bytes further, at offset 12, column 10. The error points at the start of the offending value.
        var input = "[\n\n  {\"id\": true}]";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(0);
        error.Line.Should().Be(3);
        error.ByteOffset.Should().Be(12);
        error.Column.Should().Be(10);
    }

    [Test]
    public async Task ReadTasksAsync_DoubleComma_ReportsTheSecondComma()
    {
        // Offsets: [0 {1 "2 i3 d4 "5 :6 17 ,8 ,9
        var error = await ReadErrorAsync("""[{"id":1,,}]""");

        error.TaskIndex.Should().Be(0);
        error.ByteOffset.Should().Be(9);
    }

    [Test]
    public async Task ReadTasksAsync_TrailingComma_ReportsTheClosingBracket()
    {
        var error = await ReadErrorAsync("""[{"id":1},]""");

        error.TaskIndex.Should().Be(1);
        error.ByteOffset.Should().Be(10);
    }

    [Test]
    public async Task ReadTasksAsync_DataAfterTheArray_ReportsIt()
    {
        var error = await ReadErrorAsync("""[{"id":1}] x""");

        error.ByteOffset.Should().Be(11);
    }

    [TestCase("", 0)]
    [TestCase("   ", 3)]
    [TestCase("42", 0)]
    [TestCase("\"tasks\"", 0)]
    public async Task ReadTasksAsync_NotAnArrayOrObject_ReportsOffset(string input, long offset)
    {
        var error = await ReadErrorAsync(input);

        error.ByteOffset.Should().Be(offset);
        error.TaskIndex.Should().BeNull();
    }

    [Test]
    public async Task ReadTasksAsync_ElementNotAnObject_NamesIt()
    {
        // `5` is at offset 11 ('[' + the 8 bytes of task 0 + ',' + ' ').
        var error = await ReadErrorAsync("""[{"id":1}, 5]""");

        error.TaskIndex.Should().Be(1);
        error.ByteOffset.Should().Be(11);
    }

    [Test]
    public async Task ReadTasksAsync_NestingBeyondMaxDepth_ReportsPositionedErrorWithoutCrashing()
    {
        // With the default limit of 64 levels, the file's array is level 1, the task object level 2, so the 63rd '['
        // (level 65) is refused. '[' 0, '{"data":' 1..8, first inner '[' at 9, the 63rd at 71.
        var input = "[{\"data\":" + new string('[', 10_000) + new string(']', 10_000) + "}]";

        var error = await ReadErrorAsync(input);

        error.TaskIndex.Should().Be(0);
        error.ByteOffset.Should().BeInRange(71, 72);
        error.Message.Should().Contain("depth");
    }

    [Test]
    public async Task ReadTasksAsync_TaskLargerThanTheLimit_IsRefusedNotBuffered()
    {
        var input = "[{\"data\":{\"text\":\"" + new string('a', 5_000) + "\"}}]";

        var error = await ReadErrorAsync(input, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism, MaxTaskBytes = 1_000, BufferSize = 256 });

        error.TaskIndex.Should().Be(0);
        error.Message.Should().Contain("MaxTaskBytes");
    }

    [Test]
    public async Task ReadTasksAsync_InvalidUtf8InATypedString_ReportsPositionedError()
    {
        // The region id contains the byte 0xFF, which is not UTF-8. The task starts at offset 1.
        var bytes = Encoding.UTF8.GetBytes("""[{"annotations":[{"result":[{"id":"ab""")
            .Concat(new byte[] { 0xFF })
            .Concat(Encoding.UTF8.GetBytes("\"}]}]}]"))
            .ToArray();

        var error = await ReadErrorAsync(bytes);

        error.TaskIndex.Should().Be(0);
        error.ByteOffset.Should().BeInRange(1, bytes.Length);
    }

    [Test]
    public void ReadTasks_Synchronous_SameErrors()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""[{"id":1},{"id":"x"}]"""));

        var act = () => LabelStudioJson.ReadTasks(stream, Options).ToList();

        act.Should().Throw<LabelStudioJsonException>().Which.TaskIndex.Should().Be(1);
    }

    [Test]
    public async Task ReadJsonMinAsync_ObjectInsteadOfArray_IsRefused()
    {
        // JSON_MIN is always an array of records.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("""{"id":1}"""));

        var act = async () =>
        {
            await foreach (var record in LabelStudioJson.ReadJsonMinAsync(stream, Options))
            {
                _ = record;
            }
        };

        (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which.ByteOffset.Should().Be(0);
    }

    [Test]
    public void DeserializeTask_WrongType_ReportsPathLineAndOffset()
    {
        // `true` starts at offset 7 on line 1.
        var act = () => LabelStudioJson.DeserializeTask("""{"id": true}"""u8);

        var error = act.Should().Throw<LabelStudioJsonException>().Which;
        error.Path.Should().Be("$.id");
        error.Line.Should().Be(1);
        error.ByteOffset.Should().BeInRange(7, 11);
    }

    [Test]
    public void DeserializeAnnotation_Truncated_Throws()
    {
        var act = () => LabelStudioJson.DeserializeAnnotation("""{"result": [{"type": "choices", """u8);

        act.Should().Throw<LabelStudioJsonException>().Which.ByteOffset.Should().BeInRange(12, 32);
    }

    [Test]
    public async Task ReadTasksAsync_EscapedMemberNames_MatchTheMembersTheySpell()
    {
        // "\u0069d" is "id", "annot\u0061tions" is "annotations", "\u0078" is "x": JSON names compare unescaped.
        // "i\u0064x" is "idx", no task member: it stays an extension under its unescaped name.
        var tasks = await ReadAllAsync("""
            [{"\u0069d":5,"annot\u0061tions":[{"\u0072esult":[{"id":"r","type":"rectanglelabels","from_name":"l","to_name":"i",
              "value":{"\u0078":1.5,"y":2,"width":3,"height":4,"rectanglelabels":["A"]}}]}],"i\u0064x":true}]
            """);

        var task = tasks.Should().ContainSingle().Subject;
        task.Id.Should().Be(5);
        var result = task.Annotations.Should().ContainSingle().Subject.Results.Should().ContainSingle().Subject;
        result.Value.Should().BeOfType<RectangleValue>().Which.X.Should().Be(1.5);
        task.AdditionalProperties.Should().ContainKey("idx").WhoseValue.GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task ReadTasksAsync_SkippedPredictionsAndDrafts_LeavesThemOutAndReadsTheRest()
    {
        var json = """[{"id":1,"predictions":[{"id":2,"result":[{"id":"p","type":"choices","value":{"choices":["B"]}}]}],"drafts":[{"id":3,"result":[]}],"annotations":[{"id":4,"result":[]}],"total_predictions":1}]""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var options = new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism, SkippedTaskMembers = SkippedTaskMembers.Predictions | SkippedTaskMembers.Drafts };
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, options))
        {
            tasks.Add(task);
        }

        var read = tasks.Should().ContainSingle().Subject;
        read.Predictions.Should().BeEmpty();
        read.Drafts.Should().BeEmpty();
        read.Annotations.Should().ContainSingle().Which.Id.Should().Be(4);
        read.TotalPredictions.Should().Be(1);
        read.AdditionalProperties.Should().BeNull("a skipped member is not kept as an extension either");
    }

    private LabelStudioJsonReaderOptions Options => new() { MaxDegreeOfParallelism = parallelism };

    private Task<List<LabelStudioTask>> ReadAllAsync(string json) => ReadAllAsync(Encoding.UTF8.GetBytes(json));

    private async Task<List<LabelStudioTask>> ReadAllAsync(byte[] json)
    {
        using var stream = new MemoryStream(json);
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, Options))
        {
            tasks.Add(task);
        }

        return tasks;
    }

    private Task<LabelStudioJsonException> ReadErrorAsync(string json, LabelStudioJsonReaderOptions? options = null) =>
        ReadErrorAsync(Encoding.UTF8.GetBytes(json), options);

    private async Task<LabelStudioJsonException> ReadErrorAsync(byte[] json, LabelStudioJsonReaderOptions? options = null)
    {
        using var stream = new MemoryStream(json);
        var act = async () =>
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, options ?? Options))
            {
                _ = task;
            }
        };

        return (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
    }
}
