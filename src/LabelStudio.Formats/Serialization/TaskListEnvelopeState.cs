using System.Collections.Concurrent;

namespace LabelStudio.Formats.Serialization;

/// <summary>What the reader learned about a task list object while reading its tasks (see <see cref="TaskListReader"/>).</summary>
internal sealed class TaskListEnvelopeState(string tasksMember)
{
    public string TasksMember { get; } = tasksMember;

    public bool IsEnvelope { get; set; }

    public bool SawTasks { get; set; }

    // Written by the framing thread, readable by the consumer at any time.
    public ConcurrentDictionary<string, long> Totals { get; } = new(StringComparer.Ordinal);
}
