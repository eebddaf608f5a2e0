using System.Text;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// Task list answers: the Data Manager object with its members in any order, or a plain array. Every case runs read on
/// the caller's thread and with four deserializing threads, and through a stream that returns one byte per read (so
/// every member name, colon and value is split across reads).
/// </summary>
[TestFixture(1, 1 << 20)]
[TestFixture(4, 1 << 20)]
[TestFixture(4, 1)]
public class TaskListReaderTests(int parallelism, int chunk)
{
    [Test]
    public async Task ReadAllAsync_TotalsBeforeAndAfterTheTasks_TasksAndEveryIntegerTotal()
    {
        var json = """
            { "total_annotations" : 3, "meta": {"a": [1, {"b": "}"}]}, "tasks": [{"id": 1}, {"id": 2}],
              "total": 2, "name": "x\"y", "ratio": 0.5, "total_predictions": 0 }
            """;

        var (reader, ids) = await ReadAsync(json);

        ids.Should().Equal(1L, 2L);
        reader.IsEnvelope.Should().BeTrue();
        reader.SawTasks.Should().BeTrue();
        reader.Count.Should().Be(2);
        reader.Total.Should().Be(2);

        // 0.5 is not an integer and "meta"/"name" are not numbers: only the three integer members are totals.
        reader.Totals.Should().BeEquivalentTo(new Dictionary<string, long> { ["total_annotations"] = 3, ["total"] = 2, ["total_predictions"] = 0 });
    }

    [Test]
    public async Task ReadAllAsync_PlainArray_TasksWithoutTotals()
    {
        var (reader, ids) = await ReadAsync("""[{"id": 5}, {"id": 6}]""");

        ids.Should().Equal(5L, 6L);
        reader.IsEnvelope.Should().BeFalse();
        reader.SawTasks.Should().BeFalse();
        reader.Total.Should().BeNull();
    }

    [Test]
    public async Task ReadAllAsync_ObjectWithoutTheTasksMember_NoTasksAndSawTasksFalse()
    {
        // A DRF page ({"count", "results"}) where the Data Manager object was expected: the caller can tell.
        var (reader, ids) = await ReadAsync("""{"count": 3, "next": null, "results": [{"id": 1}]}""");

        ids.Should().BeEmpty();
        reader.IsEnvelope.Should().BeTrue();
        reader.SawTasks.Should().BeFalse();
        reader.Totals.Should().ContainKey("count");
    }

    [Test]
    public async Task ReadAllAsync_EscapedMemberName_IsDecoded()
    {
        // "t\u0061sks" is "tasks".
        var (reader, ids) = await ReadAsync("""{"t\u0061sks": [{"id": 9}], "tot\u0061l": 1}""");

        ids.Should().Equal(9L);
        reader.Total.Should().Be(1);
    }

    [Test]
    public async Task ReadAllAsync_OtherTasksMember_IsUsed()
    {
        var reader = new TaskListReader(Stream("""{"items": [{"id": 3}], "tasks": 1}"""), Options, tasksMember: "items");
        var ids = new List<long?>();
        await foreach (var task in reader.ReadAllAsync())
        {
            ids.Add(task.Id);
        }

        ids.Should().Equal(3L);
        reader.Totals["tasks"].Should().Be(1);
    }

    // Offsets are zero-based and counted by hand in each input.
    [TestCase("""{"tasks": [{"id": 1}], }""", 23, "trailing comma")]
    [TestCase("""{"tasks" [{"id": 1}]}""", 9, "':'")]
    [TestCase("""{"tasks": {"id": 1}}""", 10, "array")]
    [TestCase("""{"total": 1 "tasks": []}""", 12, "','")]
    [TestCase("""{, "tasks": []}""", 1, "member name")]
    [TestCase("""{"total": 1, "tasks": [{"id": 1}""", 32, "truncated")]
    [TestCase("""{"total": tru, "tasks": []}""", 10, "'total'")]
    public async Task ReadAllAsync_MalformedObject_PositionedError(string json, long offset, string mention)
    {
        var reader = new TaskListReader(Stream(json), Options);

        var act = async () =>
        {
            await foreach (var task in reader.ReadAllAsync())
            {
                _ = task;
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        error.ByteOffset.Should().Be(offset);
        error.Message.Should().Contain(mention);
    }

    [Test]
    public async Task ReadAllAsync_MalformedTaskInsideTheObject_NamesTheTaskIndexAndOffset()
    {
        // `{"total": 2, "tasks": [` is 23 bytes and `{"id": 1}, ` 11 more, so the second task starts at 34 and its
        // `true` (after `{"id": `, 7 bytes) at 41.
        var json = """{"total": 2, "tasks": [{"id": 1}, {"id": true}]}""";
        var reader = new TaskListReader(Stream(json), Options);
        var ids = new List<long?>();

        var act = async () =>
        {
            await foreach (var task in reader.ReadAllAsync())
            {
                ids.Add(task.Id);
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        ids.Should().Equal(1L);
        error.TaskIndex.Should().Be(1);
        error.ByteOffset.Should().Be(json.IndexOf("true", StringComparison.Ordinal)).And.Be(41);
    }

    [Test]
    public async Task ReadAllAsync_Twice_IsRefused()
    {
        var reader = new TaskListReader(Stream("[]"), Options);
        await foreach (var task in reader.ReadAllAsync())
        {
            _ = task;
        }

        var again = async () =>
        {
            await foreach (var task in reader.ReadAllAsync())
            {
                _ = task;
            }
        };

        await again.Should().ThrowAsync<InvalidOperationException>();
    }

    private LabelStudioJsonReaderOptions Options => new() { MaxDegreeOfParallelism = parallelism, BufferSize = 64 };

    private TrickleStream Stream(string json) => new(Encoding.UTF8.GetBytes(json), chunk);

    private async Task<(TaskListReader Reader, List<long?> Ids)> ReadAsync(string json)
    {
        var reader = new TaskListReader(Stream(json), Options);
        var ids = new List<long?>();
        await foreach (var task in reader.ReadAllAsync())
        {
            ids.Add(task.Id);
        }

        return (reader, ids);
    }
}
