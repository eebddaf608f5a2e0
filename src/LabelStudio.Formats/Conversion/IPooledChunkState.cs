namespace LabelStudio.Formats.Conversion;

/// <summary>A chunk's working state that <see cref="OrderedParallelMap.MapWithPooledStateAsync"/> reuses across chunks.</summary>
/// <typeparam name="TSelf">The state type itself.</typeparam>
internal interface IPooledChunkState<TSelf>
    where TSelf : class, IPooledChunkState<TSelf>
{
    /// <summary>Empties the state (it must keep nothing of the chunk it served) and returns it.</summary>
    TSelf Reset();
}
