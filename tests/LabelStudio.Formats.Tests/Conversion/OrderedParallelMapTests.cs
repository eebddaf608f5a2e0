using System.Runtime.CompilerServices;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

public class OrderedParallelMapTests
{
    // Small chunks and a small window, so a few hundred items cross many chunk and window boundaries.
    private static readonly OrderedMapOptions Small = new() { ChunkSize = 7, MaxChunksInFlight = 3, Sequential = false };

    [Test]
    public async Task MapAsync_ChunksFinishingInRandomOrder_YieldsSourceOrder()
    {
        // Each chunk's first item waits for a gate; the gates open in a shuffled order, so later chunks often finish
        // before earlier ones. The results must still come out as 0, 1, 2, ...
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
            async (item, index, _, _) =>
            {
                if (index % Small.ChunkSize == 0)
                {
                    await gates[index / Small.ChunkSize].Task;
                }

                Thread.SpinWait(Random.Shared.Next(2000));
                return (Item: item, Index: index);
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
            await foreach (var item in OrderedParallelMap.MapAsync(Range(400), () => 0, (item, _, _, _) => item == 123 ? throw failure : ValueTask.FromResult(item), null, Small, CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        seen.Should().Equal(Enumerable.Range(0, 123), "every item before the failing one is delivered, in order, and none after it");
    }

    [Test]
    public async Task MapAsync_SourceThrowsAfterNItems_YieldsTheNItemsThenTheSameException()
    {
        var failure = new FormatException("line 1, column 9000: unexpected end of data");
        var seen = new List<int>();

        var act = async () =>
        {
            await foreach (var item in OrderedParallelMap.MapAsync(Range(250, failure), () => 0, (item, _, _, _) => ValueTask.FromResult(item), null, Small, CancellationToken.None))
            {
                seen.Add(item);
            }
        };

        (await act.Should().ThrowAsync<FormatException>()).Which.Should().BeSameAs(failure);
        seen.Should().Equal(Enumerable.Range(0, 250), "the items read before the failure are all mapped and delivered first");
    }

    [Test]
    public async Task MapAsync_CancelledWhileConsuming_ThrowsOperationCanceledAndStopsTheWork()
    {
        using var cancellation = new CancellationTokenSource();
        var mapped = 0;
        var seen = 0;

        var act = async () =>
        {
            await foreach (var _ in OrderedParallelMap.MapAsync(Range(100_000), () => 0, (item, _, _, _) => { Interlocked.Increment(ref mapped); return ValueTask.FromResult(item); }, null, Small, cancellation.Token))
            {
                if (++seen == 50)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token, "the caller's token, not the stage's own");

        // The window holds 3 chunks of 7: after cancelling, at most the chunks already in flight (and the one being read) complete.
        Volatile.Read(ref mapped).Should().BeLessThan(50 + (4 * Small.ChunkSize));
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
            async (item, _, _, _) =>
            {
                Interlocked.Increment(ref running);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return item;
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
    public async Task MapAsync_SequentialAndParallel_GiveTheSameResultsAndStatesPerChunk()
    {
        var sequential = new OrderedMapOptions { ChunkSize = 7, Sequential = true };
        async Task<List<(int Item, int Chunk)>> RunAsync(OrderedMapOptions options)
        {
            var next = 0;
            return await CollectAsync(OrderedParallelMap.MapAsync(Range(100), () => Interlocked.Increment(ref next) - 1, (item, _, chunk, _) => ValueTask.FromResult((item, chunk)), null, options, CancellationToken.None));
        }

        var inline = await RunAsync(sequential);
        var parallel = await RunAsync(Small);

        inline.Select(r => r.Item).Should().Equal(parallel.Select(r => r.Item));

        // 100 items in chunks of 7: items 7k..7k+6 share one state in both modes (state numbers may differ in parallel).
        foreach (var results in new[] { inline, parallel })
        {
            results.GroupBy(r => r.Chunk).Select(g => g.Select(r => r.Item / 7).Distinct().Count()).Should().AllBeEquivalentTo(1);
            results.Select(r => r.Chunk).Distinct().Should().HaveCount(15);
        }
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

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async IAsyncEnumerable<int> Range(int count, Exception? failure = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % 16 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
