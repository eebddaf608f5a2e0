using System.Runtime.CompilerServices;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads a task list answer of the Label Studio API from a stream, one task at a time: either a plain array of tasks or
/// the Data Manager's object <c>{"tasks": [...], "total": n, "total_annotations": n, ...}</c> with its members in any
/// order. The tasks are read exactly as <see cref="LabelStudioJson.ReadTasksAsync"/> reads an export (bounded memory,
/// parallel deserialization, positioned errors); the object's integer members are collected as <see cref="Totals"/>
/// and its other members skipped.
/// </summary>
/// <example>
/// <code>
/// var list = new TaskListReader(responseStream);
/// await foreach (var task in list.ReadAllAsync(cancellationToken))
/// {
///     Console.WriteLine(task.Id);
/// }
/// Console.WriteLine($"{list.Count} of {list.Total}");
/// </code>
/// </example>
public sealed class TaskListReader
{
    private readonly Stream _stream;
    private readonly LabelStudioJsonReaderOptions _options;
    private readonly TaskListEnvelopeState _state;
    private long _count;
    private bool _started;

    /// <summary>Creates a reader over one answer.</summary>
    /// <param name="utf8Json">The answer, UTF-8 JSON; read once, not disposed.</param>
    /// <param name="options">Limits and parallelism; the defaults when null.</param>
    /// <param name="tasksMember">The member of the task list object that holds the tasks. Default <c>tasks</c>.</param>
    public TaskListReader(Stream utf8Json, LabelStudioJsonReaderOptions? options = null, string tasksMember = "tasks")
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentException.ThrowIfNullOrEmpty(tasksMember);
        _stream = utf8Json;
        _options = options ?? new LabelStudioJsonReaderOptions();
        _state = new TaskListEnvelopeState(tasksMember);
    }

    /// <summary>Whether the answer is a task list object (rather than a plain array).</summary>
    public bool IsEnvelope => _state.IsEnvelope;

    /// <summary>Whether the task list object holds the tasks member (always false for a plain array).</summary>
    public bool SawTasks => _state.SawTasks;

    /// <summary>Tasks yielded so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// The integer members of the task list object read so far (<c>total</c>, <c>total_annotations</c>,
    /// <c>total_predictions</c>, ...): complete once the read has ended, since the server may write them after the tasks.
    /// </summary>
    public IReadOnlyDictionary<string, long> Totals => _state.Totals;

    /// <summary>The object's <c>total</c>, once read.</summary>
    public long? Total => _state.Totals.TryGetValue("total", out var total) ? total : null;

    /// <summary>Reads the tasks, in answer order. Can be enumerated once.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tasks.</returns>
    /// <exception cref="LabelStudioJsonException">
    /// The answer is not a task list, is truncated, or a task is malformed: names the task index and byte offset.
    /// </exception>
    /// <exception cref="InvalidOperationException">The answer was read already.</exception>
    public async IAsyncEnumerable<LabelStudioTask> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The task list has been read already; a TaskListReader reads its stream once.");
        }

        _started = true;
        var reader = LabelStudioJson.CreateTaskListReader(_stream, _options, _state);
        await foreach (var task in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _count);
            yield return task;
        }
    }
}
