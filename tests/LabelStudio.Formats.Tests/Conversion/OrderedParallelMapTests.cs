using System.Runtime.CompilerServices;
using System.Text;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Tests.Serialization;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// The ordered map stage's semantics, over both of its paths: a source of tasks made in code (chunks mapped on the pool
/// by the stage) and the JSON export reader (each task mapped by the pool work item that deserialized it). Task ids are
/// 0..n-1, so a task's id is the item the work sees and the index it must be given.
/// </summary>
[TestFixture(MapSource.Code)]
[TestFixture(MapSource.Reader)]
public class OrderedParallelMapTests(OrderedParallelMapTests.MapSource kind)
{
    // Small chunks and a small window, so a few hundred items cross many chunk and window boundaries.
    private static readonly OrderedMapOptions Small = new() { ChunkSize = 7, MaxChunksInFlight = 3, Sequential = false };

    // The reader's window: 2 deserializing threads, so at most 4 batches framed ahead. A task is TaskBytes - 1 bytes
    // (TaskBytes + 1 with its ",\n"); a batch is dispatched once its elements reach 128 KiB: after 129 of them.
    private const int ReaderParallelism = 2;
    private const int TaskBytes = 1024;
    private const int TasksPerBatch = (128 * 1024 / TaskBytes) + 1;

    /// <summary>Where the items come from.</summary>
    public enum MapSource
    {
        /// <summary>An async sequence of tasks built in code: the stage chunks and maps them.</summary>
        Code,

        /// <summary>A JSON export read in parallel: the reader maps each task where it deserialized it.</summary>
        Reader,
    }

    [Test]
    public void MapAsync_Source_TakesThePathOfItsKind()
    {
        var mapped = OrderedParallelMap.MapAsync(Range(10), () => 0, (task, _, _, _) => ValueTask.FromResult(Id(task)), null, Small, CancellationToken.None);

        // The reader's enumerable maps where it reads; anything else goes through the stage's own chunks.
        (Range(10) is IOrderedMapSource<LabelStudioTask>).Should().Be(kind == MapSource.Reader);
        mapped.GetType().DeclaringType.Should().Be(kind == MapSource.Reader ? typeof(JsonArrayStreamReader<>) : typeof(OrderedParallelMap));
    }

    [Test]
    public async Task MapAsync_ChunksFinishingInRandomOrder_YieldsSourceOrder()
    {
        // Every 7th item waits for a gate; the gates open in a shuffled order, so later chunks (and batches) often
        // finish before earlier ones. The results must still come out as 0, 1, 2, ...
        const int count = 500;
        var gates = Enumerable.Range(0, (count / Small.ChunkSize) + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var opener = Task.Run(async () =>
        {
            foreach (var gate in gates.OrderBy(_ => Random.Shared.Next()))
            {
                gate.SetResult();
                await Task.Yield();
            }
        });

        var results = await CollectAsync(OrderedParallelMap.MapAsync(
            Range(count),
            () => new object(),
            async (task, index, _, _) =>
            {
                if (index % Small.ChunkSize == 0)
                {
                    await gates[index / Small.ChunkSize].Task;
                }

                Thread.SpinWait(Random.Shared.Next(2000));
                return (Item: Id(task), Index: index);
            },
            null,
            Small,
            CancellationToken.None));
        await opener;

        results.Select(r => r.Item).Should().Equal(Enumerable.Range(0, count));
        results.Select(r => r.Index).Should().Equal(Enumerable.Range(0, count).Select(i => (long)i));
    }

    [Test]
    public async Task MapAsync_WorkThrowsAtItemN_YieldsItemsBeforeNThenTheSameException()
    {
        var failure = new InvalidOperationException("task #123 is bad");
        var seen = new List<int>();

        var act = async () =>
        {
            await foreach (var item in OrderedParallelMap.MapAsync(Range(400), () => 0, (task, _, _, _) => Id(task) == 123 ? throw failure : ValueTask.FromResult(Id(task)), null, Small, CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        seen.Should().Equal(Enumerable.Range(0, 123), "every item before the failing one is delivered, in order, and none after it");
    }

    [Test]
    public async Task MapAsync_WorkThrowsAsynchronouslyAtItemN_YieldsItemsBeforeNThenTheSameException()
    {
        var failure = new InvalidOperationException("task #77 is bad");
        var seen = new List<int>();

        var act = async () =>
        {
            await foreach (var item in OrderedParallelMap.MapAsync(
                Range(400),
                () => 0,
                async (task, _, _, _) =>
                {
                    await Task.Yield();
                    return Id(task) == 77 ? throw failure : Id(task);
                },
                null,
                Small,
                CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        seen.Should().Equal(Enumerable.Range(0, 77));
    }

    [Test]
    public async Task MapAsync_SourceThrowsAfterNItems_YieldsTheNItemsThenTheSourceError()
    {
        // From code: the source's own exception object. From the reader: the export is cut 40 bytes into task 250
        // (index 250, on line 252 after "[" and 250 complete task lines), so the reader's error names that task.
        var failure = new FormatException("line 1, column 9000: unexpected end of data");
        var seen = new List<int>();

        var act = async () =>
        {
            await foreach (var item in OrderedParallelMap.MapAsync(Range(250, failure), () => 0, (task, _, _, _) => ValueTask.FromResult(Id(task)), null, Small, CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        if (kind == MapSource.Code)
        {
            (await act.Should().ThrowAsync<FormatException>()).Which.Should().BeSameAs(failure);
        }
        else
        {
            var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
            error.TaskIndex.Should().Be(250);
            error.Line.Should().Be(252);
        }

        seen.Should().Equal(Enumerable.Range(0, 250), "the items read before the failure are all mapped and delivered first");
    }

    [Test]
    public async Task MapAsync_WrongTypeInTaskN_YieldsTheTasksBeforeThenTheReadersPositionedError()
    {
        // Task 150 says "id":true. Its line is 152 ("[" is line 1, task k on line k + 2); the line starts after "[\n"
        // and 150 lines of TaskBytes + 1 bytes; "true" is 6 bytes into it ({"id": is 6 bytes): column 7. The reader's
        // error is the same whether the stage maps where the reader reads or behind it.
        var text = Export(300, i => i == 150 ? PaddedTask(i).Replace("\"id\":150,", "\"id\":true,", StringComparison.Ordinal) : null);
        var seen = new List<int>();
        var act = async () =>
        {
            await foreach (var item in OrderedParallelMap.MapAsync(Source(new MemoryStream(Encoding.UTF8.GetBytes(text))), () => 0, (task, _, _, _) => ValueTask.FromResult(Id(task)), null, Small, CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        seen.Should().Equal(Enumerable.Range(0, 150));
        error.TaskIndex.Should().Be(150);
        error.Line.Should().Be(152);
        error.Column.Should().Be(7);
        error.ByteOffset.Should().Be(2 + (150 * (TaskBytes + 1)) + 6);
    }

    [Test]
    public async Task MapAsync_CancelledWhileConsuming_ThrowsOperationCanceledAndStopsTheWork()
    {
        using var cancellation = new CancellationTokenSource();
        var mapped = 0;
        var seen = 0;

        var act = async () =>
        {
            await foreach (var _ in OrderedParallelMap.MapAsync(Range(20_000), () => 0, (task, _, _, _) => { Interlocked.Increment(ref mapped); return ValueTask.FromResult(Id(task)); }, null, Small, cancellation.Token))
            {
                if (++seen == 50)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token, "the caller's token, not the stage's own");

        // The stage's window holds 3 chunks of 7: after cancelling, at most the chunks already in flight (and the one
        // being read) complete. The reader's holds 4 batches; the one after the first is framed once the first is
        // consumed, and its work sees the cancellation before its first task.
        var bound = kind == MapSource.Code ? 50 + (4 * Small.ChunkSize) : (2 * ReaderParallelism) * TasksPerBatch;
        Volatile.Read(ref mapped).Should().BeLessThanOrEqualTo(bound);
    }

    [Test]
    public async Task MapAsync_ConsumerStopsEarly_ReturnsEveryStateAndLeavesNoWorkRunning()
    {
        var rented = 0;
        var returned = 0;
        var running = 0;

        await foreach (var item in OrderedParallelMap.MapAsync(
            Range(10_000),
            () => { Interlocked.Increment(ref rented); return new object(); },
            async (task, _, _, _) =>
            {
                Interlocked.Increment(ref running);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return Id(task);
            },
            _ => Interlocked.Increment(ref returned),
            Small,
            CancellationToken.None))
        {
            if (item == 30)
            {
                break;
            }
        }

        Volatile.Read(ref running).Should().Be(0, "leaving the loop waits for the work still in flight");
        Volatile.Read(ref returned).Should().Be(Volatile.Read(ref rented));
    }

    [Test]
    public async Task MapAsync_ConsumerStopsEarlyOnAHugeInput_ReadsOnlyABoundedWindowAhead()
    {
        // About 30 MB of tasks; the consumer takes ten. The stage keeps 3 chunks of 7 in flight; the reader frames at
        // most 4 batches of 128 KiB ahead, plus its 256 KiB buffer: well under 4 MB may have been read.
        var json = Encoding.UTF8.GetBytes(Export(30_000));
        var stream = new TrickleStream(json, 65_536);
        var taken = 0;

        await foreach (var item in OrderedParallelMap.MapAsync(Source(stream), () => 0, (task, _, _, _) => ValueTask.FromResult(Id(task)), null, Small, CancellationToken.None))
        {
            if (++taken == 10)
            {
                break;
            }
        }

        json.Length.Should().BeGreaterThan(30_000_000);
        stream.BytesRead.Should().BeLessThan(4_000_000);
        stream.ReadsInProgress.Should().Be(0, "the reading has stopped once the enumeration is disposed");
    }

    [Test]
    public async Task MapAsync_StatesGivenBack_OnlyOnceTheConsumerIsPastTheirResults()
    {
        // Each result records its state; a state given back while a result of it has not been consumed yet is an error.
        var consumedUpTo = -1L;
        var violations = 0;
        var lastIndexOfState = new System.Collections.Concurrent.ConcurrentDictionary<object, long>();
        var returned = 0;
        var results = new List<long>();
        await foreach (var (index, _) in OrderedParallelMap.MapAsync(
            Range(2_000),
            () => new object(),
            (task, index, state, _) =>
            {
                lastIndexOfState.AddOrUpdate(state, index, (_, last) => Math.Max(last, index));
                return ValueTask.FromResult((index, state));
            },
            state =>
            {
                Interlocked.Increment(ref returned);
                if (lastIndexOfState.TryRemove(state, out var last) && last > Volatile.Read(ref consumedUpTo))
                {
                    Interlocked.Increment(ref violations);
                }
            },
            Small,
            CancellationToken.None))
        {
            results.Add(index);
            Volatile.Write(ref consumedUpTo, index);
        }

        results.Should().Equal(Enumerable.Range(0, 2_000).Select(i => (long)i));
        violations.Should().Be(0);
        returned.Should().BeGreaterThanOrEqualTo(2_000 / Small.ChunkSize);
    }

    [Test]
    public async Task MapAsync_SequentialAndParallel_GiveTheSameResultsAndStatesPerChunk()
    {
        var sequential = new OrderedMapOptions { ChunkSize = 7, Sequential = true };
        async Task<List<(int Item, int Chunk)>> RunAsync(OrderedMapOptions options)
        {
            var next = 0;
            return await CollectAsync(OrderedParallelMap.MapAsync(Range(100), () => Interlocked.Increment(ref next) - 1, (task, _, chunk, _) => ValueTask.FromResult((Id(task), chunk)), null, options, CancellationToken.None));
        }

        var inline = await RunAsync(sequential);
        var parallel = await RunAsync(Small);

        inline.Select(r => r.Item).Should().Equal(parallel.Select(r => r.Item));
        inline.Select(r => r.Item).Should().Equal(Enumerable.Range(0, 100));

        // 100 items in chunks of 7: items 7k..7k+6 share one state inline and in the stage's chunks (state numbers may
        // differ in parallel). The reader chunks each batch from its start, so there a state serves a run of at most 7
        // consecutive items, and the chunks of its 100 tasks (one batch) are the same as inline.
        foreach (var results in new[] { inline, parallel })
        {
            results.GroupBy(r => r.Chunk).Select(g => g.Select(r => r.Item / 7).Distinct().Count()).Should().AllBeEquivalentTo(1);
            results.Select(r => r.Chunk).Distinct().Should().HaveCount(15);
        }
    }

    [Test]
    public async Task MapAsync_ManyBatches_EveryStateServesAtMostAChunkOfConsecutiveItems()
    {
        var next = 0;
        var results = await CollectAsync(OrderedParallelMap.MapAsync(Range(1_000), () => Interlocked.Increment(ref next) - 1, (task, _, chunk, _) => ValueTask.FromResult((Item: Id(task), Chunk: chunk)), null, Small, CancellationToken.None));

        results.Select(r => r.Item).Should().Equal(Enumerable.Range(0, 1_000));
        foreach (var group in results.GroupBy(r => r.Chunk))
        {
            var items = group.Select(r => r.Item).ToList();
            items.Count.Should().BeLessThanOrEqualTo(Small.ChunkSize);
            items.Should().Equal(Enumerable.Range(items[0], items.Count), "a chunk is a run of consecutive items");
        }
    }

    [Test]
    public async Task MapAsync_Sequential_MapsEachItemOnlyAfterTheConsumerTookThePreviousOne()
    {
        // Media copying keeps its work in order on the consumer's side: map and consume strictly alternate.
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await foreach (var item in OrderedParallelMap.MapAsync(Range(300), () => 0, (task, _, _, _) => { log.Enqueue("m" + Id(task)); return ValueTask.FromResult(Id(task)); }, null, new OrderedMapOptions { ChunkSize = 7, Sequential = true }, CancellationToken.None))
        {
            log.Enqueue("c" + item);
        }

        log.Should().Equal(Enumerable.Range(0, 300).SelectMany(i => new[] { "m" + i, "c" + i }));
    }

    [Test]
    public async Task MapAsync_IssuesRecordedOffThread_ReplayInTheOrderOfASequentialRun()
    {
        // Every item reports index % 3 issues; replayed by the consumer in order, the run's report must list them
        // exactly as a loop over the items adding them directly would: by item, then by position within the item.
        static void Report(ConversionReport report, long index)
        {
            for (var k = 0; k < index % 3; k++)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.Warning, "r" + k, "m") { TaskIndex = index });
            }

            report.TaskWritten();
            report.ItemsAdded(index % 5);
        }

        var expected = new ConversionReport();
        for (long i = 0; i < 300; i++)
        {
            Report(expected, i);
        }

        var actual = new ConversionReport();
        await foreach (var slice in OrderedParallelMap.MapAsync(
            Range(300),
            () => new ReportRecorder(),
            (_, index, recorder, _) =>
            {
                var mark = recorder.Mark();
                Thread.SpinWait(Random.Shared.Next(500));
                Report(recorder.Report, index);
                return ValueTask.FromResult(recorder.Since(mark));
            },
            null,
            Small,
            CancellationToken.None))
        {
            slice.ReplayInto(actual);
        }

        actual.Issues.Select(i => (i.TaskIndex, i.Reason)).Should().Equal(expected.Issues.Select(i => (i.TaskIndex, i.Reason)));
        actual.TasksWritten.Should().Be(300);
        actual.ItemsWritten.Should().Be(expected.ItemsWritten);
        actual.Warnings.Should().Be(300, "0 + 1 + 2 issues per three items");
    }

    private static int Id(LabelStudioTask task) => (int)task.Id!.Value;

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    // Tasks 0..count-1, then the failure: thrown by code, or (from the reader) a task cut 40 bytes in.
    private IAsyncEnumerable<LabelStudioTask> Range(int count, Exception? failure = null)
    {
        if (kind == MapSource.Code)
        {
            return CodeRange(count, failure);
        }

        var text = Export(count);
        if (failure is not null)
        {
            text = text[..^2] + ",\n" + PaddedTask(count)[..40];
        }

        return Read(text);
    }

    private IAsyncEnumerable<LabelStudioTask> Source(Stream stream) => kind == MapSource.Code
        ? CodeRead(stream)
        : LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = ReaderParallelism });

    private static IAsyncEnumerable<LabelStudioTask> Read(string text) =>
        LabelStudioJson.ReadTasksAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = ReaderParallelism });

    // The reader's tasks passed on through an iterator: the stage cannot see the reader behind it.
    private static async IAsyncEnumerable<LabelStudioTask> CodeRead(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, new LabelStudioJsonReaderOptions { MaxDegreeOfParallelism = ReaderParallelism }, cancellationToken))
        {
            yield return task;
        }
    }

    private static async IAsyncEnumerable<LabelStudioTask> CodeRange(int count, Exception? failure, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % 16 == 0)
            {
                await Task.Yield();
            }

            yield return new LabelStudioTask { Id = i };
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    // "[\n", one task per line (the last without its comma), "]".
    private static string Export(int count, Func<int, string?>? replace = null)
    {
        var builder = new StringBuilder("[\n");
        for (var i = 0; i < count; i++)
        {
            builder.Append(replace?.Invoke(i) ?? PaddedTask(i));
            builder.Append(i < count - 1 ? ",\n" : "\n");
        }

        return builder.Append(']').ToString();
    }

    // A task of exactly TaskBytes - 1 bytes, so with its comma a line holds TaskBytes bytes plus the newline.
    private static string PaddedTask(int id)
    {
        var head = "{\"id\":" + id + ",\"data\":{\"text\":\"";
        const string tail = "\"}}";
        return head + new string('x', TaskBytes - 1 - head.Length - tail.Length) + tail;
    }
}
