using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// The reader with several deserializing threads: what comes out must not depend on the threads — same tasks, in file
/// order, the same error after exactly the tasks before it — and it must not read far ahead of its consumer.
/// </summary>
public class ParallelReadTests
{
    private const int TaskCount = 3_000;

    // Tasks of different sizes (so batches end at different places) with ids 1..n and one result each.
    private static string Export(int count, Func<int, string?>? replace = null)
    {
        var builder = new StringBuilder("[\n");
        for (var i = 1; i <= count; i++)
        {
            builder.Append(replace?.Invoke(i) ?? Task(i));
            builder.Append(i < count ? ",\n" : "\n");
        }

        return builder.Append(']').ToString();
    }

    private static string Task(int id) =>
        $$$"""{"id":{{{id}}},"data":{"text":"{{{new string('x', id % 97)}}}"},"annotations":[{"id":{{{id}}},"result":[{"id":"r{{{id}}}","type":"choices","from_name":"c","to_name":"t","value":{"choices":["A{{{id % 5}}}"]}}]}]}""";

    [TestCase(2)]
    [TestCase(4)]
    [TestCase(16)]
    public async Task ReadTasksAsync_ManyTasks_SameTasksInFileOrderAsTheSequentialRead(int parallelism)
    {
        var json = Encoding.UTF8.GetBytes(Export(TaskCount));

        var parallel = await ReadAsync(new TrickleStream(json, 10_000), parallelism);
        var sequential = await ReadAsync(new MemoryStream(json), 1);

        parallel.Select(t => t.Id).Should().Equal(Enumerable.Range(1, TaskCount).Select(i => (long?)i));
        parallel.Select(t => ((ChoicesValue)t.Annotations[0].Results[0].Value!).Choices[0])
            .Should().Equal(sequential.Select(t => ((ChoicesValue)t.Annotations[0].Results[0].Value!).Choices[0]));
        parallel.Select(t => t.Data["text"]!.GetValue<string>().Length).Should().Equal(Enumerable.Range(1, TaskCount).Select(i => i % 97));
    }

    [Test]
    public void ReadTasks_Synchronous_SameTasksInFileOrder()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Export(TaskCount)));

        var tasks = LabelStudioJson.ReadTasks(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 4 }).ToList();

        tasks.Select(t => t.Id).Should().Equal(Enumerable.Range(1, TaskCount).Select(i => (long?)i));
    }

    [Test]
    public async Task ReadTasks_SynchronousFromAThreadPoolThread_ReadsOnThatThread()
    {
        // Blocking a pool thread on pool work invites starvation: from a pool thread the synchronous read stays on it,
        // so every read of the stream happens on the calling thread (with the pipeline they happen on the framing task's).
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(Export(TaskCount)), 65_536);

        var (caller, ids) = await System.Threading.Tasks.Task.Run(() =>
            (Environment.CurrentManagedThreadId, LabelStudioJson.ReadTasks(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 4 }).Select(t => t.Id).ToList()));

        ids.Should().Equal(Enumerable.Range(1, TaskCount).Select(i => (long?)i));
        stream.ReadThreads.Should().NotBeEmpty().And.OnlyContain(thread => thread == caller);
    }

    [TestCase(1)]
    [TestCase(4)]
    public async Task ReadTasksAsync_WrongTypeDeepInTheFile_YieldsEveryTaskBeforeThenTheErrorAtItsPlace(int parallelism)
    {
        // Task 2001 (index 2000) has "id": true. The file is "[\n" then one task per line, so that task is on line
        // 2002 and starts right after the 2001st newline; its "true" is 6 bytes into it ({"id": is 6 bytes).
        const int bad = 2001;
        var text = Export(TaskCount, i => i == bad ? Task(i).Replace($"\"id\":{bad},", "\"id\":true,", StringComparison.Ordinal) : null);
        var taskStart = NthNewline(text, bad) + 1;
        var yielded = new List<long?>();

        var act = async () =>
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism }))
            {
                yielded.Add(task.Id);
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        yielded.Should().Equal(Enumerable.Range(1, bad - 1).Select(i => (long?)i));
        error.TaskIndex.Should().Be(bad - 1);
        error.Line.Should().Be(bad + 1);
        error.ByteOffset.Should().Be(taskStart + 6);
        error.Column.Should().Be(7);
    }

    [TestCase(1)]
    [TestCase(4)]
    public async Task ReadTasksAsync_TruncatedDeepInTheFile_YieldsEveryCompleteTaskThenTheError(int parallelism)
    {
        var text = Export(TaskCount);
        var cut = NthNewline(text, 2500) + 40;
        var yielded = 0;

        var act = async () =>
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(new MemoryStream(Encoding.UTF8.GetBytes(text[..cut])), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism }))
            {
                yielded++;
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        yielded.Should().Be(2499, "tasks 1..2499 are complete; the 2500th is cut 40 bytes in");
        error.TaskIndex.Should().Be(2499);
    }

    [Test]
    public async Task ReadTasksAsync_ConsumerStopsEarly_ReadsOnlyABoundedWindowAheadAndReleasesTheStream()
    {
        // ~26 MB of tasks; the consumer takes ten. With 4 threads at most 8 batches of ~128 KB are framed ahead, plus
        // the 256 KiB read buffer: well under 4 MB may have been read when the enumeration ends.
        var json = Encoding.UTF8.GetBytes(Export(100_000));
        var stream = new TrickleStream(json, 65_536);
        var taken = 0;

        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 4 }))
        {
            if (++taken == 10)
            {
                break;
            }
        }

        json.Length.Should().BeGreaterThan(20_000_000);
        stream.BytesRead.Should().BeLessThan(4_000_000);
        stream.ReadsInProgress.Should().Be(0, "the framing has stopped once the enumeration is disposed");
    }

    [Test]
    public async Task ReadTasksAsync_Cancelled_StopsWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var taken = 0;

        var act = async () =>
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(new MemoryStream(Encoding.UTF8.GetBytes(Export(TaskCount))), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 4 }, cancellation.Token))
            {
                if (++taken == 100)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        taken.Should().BeLessThan(TaskCount);
    }

    [Test]
    public async Task ReadTasksAsync_StreamFailsMidway_YieldsWhatWasReadThenTheStreamError()
    {
        var json = Encoding.UTF8.GetBytes(Export(TaskCount));
        var stream = new TrickleStream(json, 65_536) { FailAfterBytes = json.Length / 2 };
        var yielded = 0;

        var act = async () =>
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 4 }))
            {
                yielded++;
            }
        };

        await act.Should().ThrowAsync<IOException>().WithMessage("*connection reset*");
        yielded.Should().BeGreaterThan(0).And.BeLessThan(TaskCount);
    }

    [Test]
    public void Options_ParallelismBelowOne_IsRefused()
    {
        var act = () => LabelStudioJson.ReadTasks(new MemoryStream("[]"u8.ToArray()), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = 0 }).ToList();

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async Task<List<LabelStudioTask>> ReadAsync(Stream stream, int parallelism)
    {
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = parallelism }))
        {
            tasks.Add(task);
        }

        return tasks;
    }

    private static int NthNewline(string text, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at = text.IndexOf('\n', at + 1);
        }

        return at;
    }
}
