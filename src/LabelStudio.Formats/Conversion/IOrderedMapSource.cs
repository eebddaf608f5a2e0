namespace LabelStudio.Formats.Conversion;

/// <summary>
/// A source that runs <see cref="OrderedParallelMap"/>'s per-item work itself, on the thread that produced each item,
/// right after producing it (the JSON export reader: a task is mapped by the pool thread that deserialized it, while its
/// objects are still in that core's cache, instead of being handed to the consumer and then to another pool thread).
/// </summary>
/// <typeparam name="T">The items.</typeparam>
/// <remarks>
/// An implementation keeps every semantic of <see cref="OrderedParallelMap.MapAsync"/>: results in source order; a
/// source error after the results of every item before it; a map error for item N (the same exception object) after the
/// results of every item before N; the index given to the work is the item's index in the source; a chunk of at most
/// <see cref="OrderedMapOptions.ChunkSize"/> consecutive items shares one state, given back once the consumer is past
/// all its results (or when the enumeration ends, for chunks never consumed); a bounded number of items in flight; no
/// work still running once the enumeration is disposed.
/// </remarks>
internal interface IOrderedMapSource<T>
{
    /// <summary>Maps the items in parallel where they are produced, yielding the results in source order.</summary>
    /// <param name="rentState">Gives the state one chunk's work shares (called on a pool thread).</param>
    /// <param name="map">The per-item work: the item, its index in the source, the chunk's state.</param>
    /// <param name="returnState">Takes a state back once the consumer is past every result of its chunk.</param>
    /// <param name="options">Chunking (only <see cref="OrderedMapOptions.ChunkSize"/> is used: the source bounds the work in flight).</param>
    /// <param name="cancellationToken">Stops reading and mapping.</param>
    /// <returns>The results, enumerable once.</returns>
    IAsyncEnumerable<TResult> MapAsync<TState, TResult>(
        Func<TState> rentState,
        Func<T, long, TState, CancellationToken, ValueTask<TResult>> map,
        Action<TState>? returnState,
        OrderedMapOptions options,
        CancellationToken cancellationToken);
}
