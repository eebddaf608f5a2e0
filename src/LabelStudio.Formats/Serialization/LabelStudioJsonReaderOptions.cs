namespace LabelStudio.Formats.Serialization;

/// <summary>Limits for the streaming readers of <see cref="LabelStudioJson"/>.</summary>
public sealed class LabelStudioJsonReaderOptions
{
    /// <summary>Deepest nesting of objects and arrays allowed, the file's own array included. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Largest single task (array element) in bytes; a bigger one is reported, not buffered. Default 256 MiB.</summary>
    public int MaxTaskBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>Size of the read buffer in bytes. Default 256 KiB; it grows for tasks larger than that.</summary>
    public int BufferSize { get; init; } = 256 * 1024;

    /// <summary>
    /// How many threads may deserialize tasks at once. Default: <see cref="Environment.ProcessorCount"/>. With more than
    /// one, the stream is read and split into tasks on one thread while batches of tasks are deserialized on the thread
    /// pool; tasks are still yielded one at a time, in file order, and an error is raised after every task before it
    /// has been yielded, as with 1, which reads everything on the caller's thread. The synchronous
    /// <see cref="LabelStudioJson.ReadTasks"/> called from a thread-pool thread always reads on that thread (blocking a
    /// pool thread on pool work invites starvation).
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Task members read for well-formedness only, not materialized (the export runner's knob).</summary>
    internal SkippedTaskMembers SkippedTaskMembers { get; init; }

    /// <summary>Reads every task with the tokenizer-based reader only (tests and benchmarks compare the two paths).</summary>
    internal bool DisableFastTaskReader { get; init; }
}
