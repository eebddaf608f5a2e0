using System.Runtime.CompilerServices;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Paging;

/// <summary>
/// Reads the tasks of one task-list answer straight from the response stream through the Formats
/// <see cref="TaskListReader"/> (the Data Manager envelope <c>{"tasks": [...], "total": n, ...}</c> with members in any
/// order, or a plain array; bounded memory; tasks deserialized in parallel, yielded in order), naming the request in
/// every error on top of the task index and the byte offset in the answer.
/// </summary>
internal sealed class TaskStreamReader
{
    private readonly TaskListReader _reader;
    private readonly string _source;

    public TaskStreamReader(Stream stream, string source, int maxTaskBytes = 256 * 1024 * 1024)
    {
        _source = source;
        _reader = new TaskListReader(stream, new LabelStudioJsonReaderOptions { MaxTaskBytes = maxTaskBytes });
    }

    /// <summary>Whether the answer was the Data Manager envelope (rather than a plain array).</summary>
    public bool IsEnvelope => _reader.IsEnvelope;

    /// <summary>Whether the envelope held a <c>tasks</c> member.</summary>
    public bool SawTasks => _reader.SawTasks;

    /// <summary>Tasks read so far.</summary>
    public long Count => _reader.Count;

    /// <summary>The envelope's integer members (<c>total</c>, <c>total_annotations</c>, <c>total_predictions</c>, ...), complete once the read ends.</summary>
    public IReadOnlyDictionary<string, long> Totals => _reader.Totals;

    /// <summary>The envelope's <c>total</c>, once read.</summary>
    public long? Total => _reader.Total;

    public async IAsyncEnumerable<LabelStudioTask> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tasks = _reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (tasks.ConfigureAwait(false))
        {
            while (true)
            {
                LabelStudioTask task;
                try
                {
                    if (!await tasks.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    task = tasks.Current;
                }
                catch (LabelStudioJsonException ex)
                {
                    throw new LabelStudioJsonException($"{_source}: {ex.Reason ?? ex.Message}", ex.TaskIndex, ex.ByteOffset, ex.Line, ex.Column, ex.Path, ex);
                }

                yield return task;
            }
        }
    }
}
