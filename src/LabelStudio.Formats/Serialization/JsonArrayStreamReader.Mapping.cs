using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Serialization;

/// <content>
/// The parallel read fused with an ordered map stage: each batch's pool work item deserializes an element and runs the
/// map on it at once, so a task is built and mapped by one thread while its objects are in that core's cache, and the
/// consumer receives the mapped results in order (no second hand-off of every task to another pool thread).
/// </content>
internal sealed partial class JsonArrayStreamReader<T>
{
    private async IAsyncEnumerable<TResult> MapParallelAsync<TState, TResult>(
        Func<TState> rentState,
        Func<T, long, TState, CancellationToken, ValueTask<TResult>> map,
        Action<TState>? returnState,
        int chunkSize,
        CancellationToken readToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The read's token (given when the tasks were opened) and the map's both stop the consumer's waits; the work
        // checks the map's token first, so a cancellation surfaces with the token the map's caller gave.
        using var linked = readToken.CanBeCanceled && cancellationToken.CanBeCanceled && readToken != cancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(readToken, cancellationToken)
            : null;
        var waitToken = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : readToken);
        await using var pipeline = new Pipeline(this, synchronous: false, (batch, stop) =>
        {
            var mapped = new MappedBatch<TState, TResult>(batch.Count, chunkSize, returnState);
            batch.Mapped = mapped;
            return Task.Run(() => MapBatchAsync(batch, mapped, rentState, map, cancellationToken, stop), CancellationToken.None);
        });
        while (await pipeline.Batches.WaitToReadAsync(waitToken).ConfigureAwait(false))
        {
            while (pipeline.TryTake(out var batch))
            {
                await batch.Work.WaitAsync(waitToken).ConfigureAwait(false);
                if (batch.Mapped is MappedBatch<TState, TResult> mapped)
                {
                    var results = mapped.Results;
                    for (var i = 0; i < mapped.Count; i++)
                    {
                        yield return results[i];

                        // The consumer is past the last result of a chunk: its state can serve another.
                        if ((i + 1) % chunkSize == 0)
                        {
                            mapped.ReturnStates((i + 1) / chunkSize);
                        }
                    }

                    mapped.ReturnStates();
                    mapped.Error?.Throw();
                }

                pipeline.Finish(batch);
            }
        }

        await pipeline.CompleteAsync().ConfigureAwait(false);
    }

    // One batch's work on a pool thread: each element is deserialized, then mapped at once. Never faults: the first
    // failure (the element's read, the state's rent, the map) is kept after the results before it, as the consumer
    // must see it in order.
    private async Task MapBatchAsync<TState, TResult>(
        Batch batch,
        MappedBatch<TState, TResult> mapped,
        Func<TState> rentState,
        Func<T, long, TState, CancellationToken, ValueTask<TResult>> map,
        CancellationToken cancellationToken,
        CancellationToken stop)
    {
        var pool = RentBatchPool();
        var results = mapped.Results;
        var chunkSize = mapped.ChunkSize;
        TState state = default!;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (!MaterializeOne(batch, i, pool))
                {
                    mapped.Error = ExceptionDispatchInfo.Capture(batch.Error!);
                    return;
                }

                if (i % chunkSize == 0)
                {
                    state = rentState();
                    mapped.States[i / chunkSize] = state;
                }

                // The caller's token first, so a cancellation surfaces with the token the caller gave; the
                // stage's own token only stops work nobody will consume (its exception is never rethrown).
                cancellationToken.ThrowIfCancellationRequested();
                stop.ThrowIfCancellationRequested();
                var pending = map(batch.Take(i), batch.IndexOf(i), state, cancellationToken);
                results[i] = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
                mapped.Count = i + 1;
            }
        }
        catch (Exception ex)
        {
            mapped.Error = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            ReturnBatchPool(pool);
        }
    }

    /// <summary>What a batch's work leaves for the consumer beside its elements: the chunk states to give back.</summary>
    private abstract class MappedBatch
    {
        /// <summary>Gives back every state not given back yet (the consumer is past the batch, or has stopped).</summary>
        public abstract void ReturnStates();
    }

    /// <summary>
    /// A batch's mapped results: the first <see cref="Count"/> are valid, then <see cref="Error"/> (if any) surfaces.
    /// Items i*ChunkSize .. (i+1)*ChunkSize-1 share <c>States[i]</c>.
    /// </summary>
    private sealed class MappedBatch<TState, TResult>(int count, int chunkSize, Action<TState>? returnState) : MappedBatch
    {
        private int _returned;

        public int ChunkSize { get; } = chunkSize;

        public TResult[] Results { get; } = new TResult[count];

        public TState?[] States { get; } = new TState?[((count - 1) / chunkSize) + 1];

        public int Count { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        public override void ReturnStates() => ReturnStates(States.Length);

        /// <summary>Gives back the states of the chunks before <paramref name="end"/> not given back yet (each once).</summary>
        public void ReturnStates(int end)
        {
            for (; _returned < end; _returned++)
            {
                var state = States[_returned];
                States[_returned] = default;

                // A chunk whose rent threw, or that was never reached, has no state.
                if (returnState is not null && state is not null)
                {
                    returnState(state);
                }
            }
        }
    }

    /// <summary>
    /// The parallel read's items: enumerated, the tasks in file order; handed to <see cref="OrderedParallelMap"/>, the
    /// map runs in the batches' work items (<see cref="IOrderedMapSource{T}"/>).
    /// </summary>
    private sealed class ParallelItems(JsonArrayStreamReader<T> owner, CancellationToken readToken) : IAsyncEnumerable<T>, IOrderedMapSource<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            owner.ReadParallelAsync(readToken).GetAsyncEnumerator(cancellationToken);

        public IAsyncEnumerable<TResult> MapAsync<TState, TResult>(
            Func<TState> rentState,
            Func<T, long, TState, CancellationToken, ValueTask<TResult>> map,
            Action<TState>? returnState,
            OrderedMapOptions options,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(rentState);
            ArgumentNullException.ThrowIfNull(map);
            ArgumentNullException.ThrowIfNull(options);
            return owner.MapParallelAsync(rentState, map, returnState, Math.Max(1, options.ChunkSize), readToken, cancellationToken);
        }
    }
}
