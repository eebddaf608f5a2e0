using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// An ordered parallel map stage for exporters: the source is read on the consumer's side, grouped into chunks,
/// each chunk's per-item work runs on the thread pool, and the results come back in source order. The work of a
/// chunk shares one state (buffers, a <see cref="ReportRecorder"/>) that the stage hands back once the consumer has
/// moved past the chunk, so the results may point into it.
/// </summary>
/// <remarks>
/// Failures keep the sequential semantics: when the work throws for item N the consumer first receives the results
/// of every item before N, then the exception (same object, original stack); when the source throws, the items read
/// before it are mapped and delivered first. At most <see cref="OrderedMapOptions.MaxChunksInFlight"/> chunks
/// are mapped or waiting at any time, which bounds memory whatever the length of the source.
/// </remarks>
internal static class OrderedParallelMap
{
    /// <summary>
    /// The exporters' use of <see cref="MapAsync"/>: chunk states are pooled and emptied when given back (not when
    /// reused: a pooled state must not keep its tasks alive into gen 2); <paramref name="sequential"/> keeps the work on
    /// the consumer's thread, in order (for exports that copy media: their cache writes files).
    /// </summary>
    /// <param name="source">The items, read once.</param>
    /// <param name="map">The per-item work: the item, its index in the source, the chunk's state.</param>
    /// <param name="sequential">Whether to map item by item on the consumer's thread.</param>
    /// <param name="cancellationToken">Stops reading and mapping.</param>
    public static IAsyncEnumerable<TResult> MapWithPooledStateAsync<TSource, TState, TResult>(
        IAsyncEnumerable<TSource> source,
        Func<TSource, long, TState, CancellationToken, ValueTask<TResult>> map,
        bool sequential,
        CancellationToken cancellationToken)
        where TState : class, IPooledChunkState<TState>, new()
    {
        var pool = new ConcurrentBag<TState>();
        return MapAsync(
            source,
            () => pool.TryTake(out var state) ? state : new TState(),
            map,
            state => pool.Add(state.Reset()),
            sequential ? new OrderedMapOptions { Sequential = true } : null,
            cancellationToken);
    }

    /// <summary>Maps <paramref name="source"/> item by item, in parallel chunks, yielding the results in source order.</summary>
    /// <param name="source">The items, read once.</param>
    /// <param name="rentState">Gives the state one chunk's work shares (called on a pool thread).</param>
    /// <param name="map">The per-item work: the item, its index in the source, the chunk's state.</param>
    /// <param name="returnState">Takes a state back once the consumer is past every result of its chunk.</param>
    /// <param name="options">Chunking; null for the defaults.</param>
    /// <param name="cancellationToken">Stops reading and mapping.</param>
    /// <remarks>
    /// When <paramref name="source"/> produces its items on the thread pool itself (an <see cref="IOrderedMapSource{T}"/>:
    /// the JSON export reader), the work runs there, right after each item is produced, with the same semantics; the
    /// source then bounds the work in flight. Sequential work and every other source take the path below.
    /// </remarks>
    public static IAsyncEnumerable<TResult> MapAsync<TSource, TState, TResult>(
        IAsyncEnumerable<TSource> source,
        Func<TState> rentState,
        Func<TSource, long, TState, CancellationToken, ValueTask<TResult>> map,
        Action<TState>? returnState,
        OrderedMapOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rentState);
        ArgumentNullException.ThrowIfNull(map);
        options ??= OrderedMapOptions.Default;
        return !options.Sequential && source is IOrderedMapSource<TSource> fused
            ? fused.MapAsync(rentState, map, returnState, options, cancellationToken)
            : MapChunksAsync(source, rentState, map, returnState, options, cancellationToken);
    }

    private static async IAsyncEnumerable<TResult> MapChunksAsync<TSource, TState, TResult>(
        IAsyncEnumerable<TSource> source,
        Func<TState> rentState,
        Func<TSource, long, TState, CancellationToken, ValueTask<TResult>> map,
        Action<TState>? returnState,
        OrderedMapOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunkSize = Math.Max(1, options.ChunkSize);
        if (options.Sequential)
        {
            // Inline: the work runs on the consumer's thread as each item is read (stateful media access needs this).
            var state = rentState();
            var inChunk = 0;
            long index = 0;
            try
            {
                await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (inChunk == chunkSize)
                    {
                        returnState?.Invoke(state);
                        state = rentState();
                        inChunk = 0;
                    }

                    inChunk++;
                    yield return await map(item, index++, state, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                returnState?.Invoke(state);
            }

            yield break;
        }

        var maxInFlight = Math.Max(1, options.MaxChunksInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<Task<Chunk<TState, TResult>>>();
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            var pending = new List<TSource>(chunkSize);
            long first = 0;
            ExceptionDispatchInfo? sourceError = null;
            var ended = false;
            while (!ended || inFlight.Count > 0)
            {
                if (!ended)
                {
                    var (read, error) = await TryMoveNextAsync(enumerator).ConfigureAwait(false);
                    sourceError = error;
                    ended = error is not null || !read;
                    if (!ended)
                    {
                        pending.Add(enumerator.Current);
                    }

                    // A full chunk goes to the pool; so does the rest at the end of the source, or at its failure:
                    // everything read before a failure is still mapped and delivered first.
                    if (pending.Count == chunkSize || (ended && pending.Count > 0))
                    {
                        inFlight.Enqueue(RunChunk(pending, first, rentState, map, cancellationToken, stop.Token));
                        first += pending.Count;
                        pending = new List<TSource>(chunkSize);
                    }
                    else if (!ended)
                    {
                        continue;
                    }
                }

                // Deliver what is done; wait for the oldest chunk only when the window is full or the source has ended.
                while (inFlight.Count > 0 && (ended || inFlight.Count >= maxInFlight || inFlight.Peek().IsCompleted))
                {
                    var chunk = await inFlight.Dequeue().ConfigureAwait(false);
                    try
                    {
                        for (var i = 0; i < chunk.Count; i++)
                        {
                            yield return chunk.Results[i];
                        }
                    }
                    finally
                    {
                        Return(returnState, chunk.State);
                    }

                    chunk.Error?.Throw();
                }
            }

            sourceError?.Throw();
        }
        finally
        {
            // The consumer stopped early (its own exception, a break) or a chunk failed: stop the work still running
            // and wait for it, so no work touches shared state once the stage is left.
            await stop.CancelAsync().ConfigureAwait(false);
            while (inFlight.Count > 0)
            {
                var chunk = await inFlight.Dequeue().ConfigureAwait(false);
                Return(returnState, chunk.State);
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Return<TState>(Action<TState>? returnState, TState state)
    {
        // A chunk whose rentState threw has no state to give back.
        if (returnState is not null && state is not null)
        {
            returnState(state);
        }
    }

    private static async ValueTask<(bool Read, ExceptionDispatchInfo? Error)> TryMoveNextAsync<TSource>(IAsyncEnumerator<TSource> enumerator)
    {
        try
        {
            return (await enumerator.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (Exception ex)
        {
            return (false, ExceptionDispatchInfo.Capture(ex));
        }
    }

    private static Task<Chunk<TState, TResult>> RunChunk<TSource, TState, TResult>(
        List<TSource> items,
        long first,
        Func<TState> rentState,
        Func<TSource, long, TState, CancellationToken, ValueTask<TResult>> map,
        CancellationToken cancellationToken,
        CancellationToken stop) =>
        Task.Run(async () =>
        {
            // Never faults: a failure is kept with the results before it, for the consumer to rethrow in order.
            var results = new TResult[items.Count];
            var count = 0;
            TState state = default!;
            try
            {
                state = rentState();
                for (; count < items.Count; count++)
                {
                    // The caller's token first, so a cancellation surfaces with the token the caller gave; the
                    // stage's own token only stops work nobody will consume (its exception is never rethrown).
                    cancellationToken.ThrowIfCancellationRequested();
                    stop.ThrowIfCancellationRequested();
                    results[count] = await map(items[count], first + count, state, cancellationToken).ConfigureAwait(false);
                }

                return new Chunk<TState, TResult>(state, results, count, null);
            }
            catch (Exception ex)
            {
                return new Chunk<TState, TResult>(state, results, count, ExceptionDispatchInfo.Capture(ex));
            }
        }, CancellationToken.None);

    private sealed record Chunk<TState, TResult>(TState State, TResult[] Results, int Count, ExceptionDispatchInfo? Error);
}
