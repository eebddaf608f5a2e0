using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace LabelStudio.MlBackend.Training;

/// <summary>
/// A bounded queue of training work, coalesced per project: events for a project that is already waiting join its
/// batch instead of queueing another run, so a burst of annotation webhooks costs one training run, not one each.
/// The webhook endpoint only enqueues and answers at once; a single background reader runs the batches in order.
/// </summary>
internal sealed class TrainingQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxProjects;
    private readonly int _maxEventsPerBatch;

    /// <param name="maxProjects">How many projects may wait at once; an event for one more project is refused.</param>
    /// <param name="maxEventsPerBatch">How many events one batch keeps (the newest); older ones are counted, not kept.</param>
    public TrainingQueue(int maxProjects, int maxEventsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxProjects, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerBatch, 1);
        _maxProjects = maxProjects;
        _maxEventsPerBatch = maxEventsPerBatch;
    }

    /// <summary>The number of projects waiting for a training run.</summary>
    public int PendingProjects
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="trainingEvent"/> to its project's waiting batch, or starts one. Returns <see langword="false"/>
    /// when the queue is full (as many projects waiting as allowed, none of them this one) or completed.
    /// </summary>
    public bool TryEnqueue(TrainingEvent trainingEvent)
    {
        ArgumentNullException.ThrowIfNull(trainingEvent);
        lock (_gate)
        {
            if (_pending.TryGetValue(trainingEvent.ProjectId, out var waiting))
            {
                waiting.Add(trainingEvent, _maxEventsPerBatch);
                return true;
            }

            if (_pending.Count >= _maxProjects)
            {
                return false;
            }

            if (!_ready.Writer.TryWrite(trainingEvent.ProjectId))
            {
                return false;
            }

            var pending = new Pending();
            pending.Add(trainingEvent, _maxEventsPerBatch);
            _pending.Add(trainingEvent.ProjectId, pending);
            return true;
        }
    }

    /// <summary>Stops accepting events; <see cref="ReadAllAsync"/> ends once the waiting batches are read.</summary>
    public void Complete() => _ready.Writer.TryComplete();

    /// <summary>Yields the waiting batches one at a time, in the order their projects first queued.</summary>
    public async IAsyncEnumerable<TrainingBatch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var projectId in _ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Pending pending;
            lock (_gate)
            {
                // Taken out before the run starts, so events that arrive during the run start the next batch.
                if (!_pending.Remove(projectId, out pending!))
                {
                    continue;
                }
            }

            yield return new TrainingBatch(projectId, pending.Events.ToArray(), pending.Coalesced);
        }
    }

    private sealed class Pending
    {
        public Queue<TrainingEvent> Events { get; } = new();

        public int Coalesced { get; private set; }

        public void Add(TrainingEvent trainingEvent, int max)
        {
            Events.Enqueue(trainingEvent);
            while (Events.Count > max)
            {
                Events.Dequeue();
                Coalesced++;
            }
        }
    }
}
