namespace LabelStudio.Formats.Conversion;

/// <summary>
/// What one conversion (export or import) read, wrote and left out. Nothing is dropped silently: every task,
/// annotation or region a converter does not write is counted here with its reason. Safe to update from several
/// threads. Counts are exact; the list of individual issues keeps the first <see cref="MaxRecordedIssues"/>.
/// </summary>
public sealed class ConversionReport
{
    private readonly object _gate = new();
    private readonly List<ConversionIssue> _issues = [];
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private long _tasksRead;
    private long _tasksWritten;
    private long _itemsWritten;
    private long _droppedTasks;
    private long _droppedAnnotations;
    private long _droppedRegions;
    private long _warnings;

    // The number of recorded issues, readable without the lock: it only grows, so once it reaches MaxRecordedIssues
    // every later issue is only counted, whoever reads it.
    private volatile int _recordedCount;

    // A recorder's stand-ins for issues that are only counted, one per kind and reason (see TryCountOnly).
    private Dictionary<(ConversionIssueKind Kind, string Reason), ConversionIssue>? _countedOnly;

    /// <summary>Creates an empty report that keeps at most <paramref name="maxRecordedIssues"/> individual issues.</summary>
    public ConversionReport(int maxRecordedIssues = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecordedIssues);
        MaxRecordedIssues = maxRecordedIssues;
    }

    /// <summary>How many individual issues <see cref="Issues"/> keeps; the counts include all of them.</summary>
    public int MaxRecordedIssues { get; }

    /// <summary>Tasks read from the input.</summary>
    public long TasksRead => Interlocked.Read(ref _tasksRead);

    /// <summary>Tasks that reached the output.</summary>
    public long TasksWritten => Interlocked.Read(ref _tasksWritten);

    /// <summary>Output items written: regions, rows, label lines or annotations, as the format counts them.</summary>
    public long ItemsWritten => Interlocked.Read(ref _itemsWritten);

    /// <summary>Tasks not written at all.</summary>
    public long DroppedTasks => Interlocked.Read(ref _droppedTasks);

    /// <summary>Annotations or predictions not written.</summary>
    public long DroppedAnnotations => Interlocked.Read(ref _droppedAnnotations);

    /// <summary>Regions not written.</summary>
    public long DroppedRegions => Interlocked.Read(ref _droppedRegions);

    /// <summary>Warnings: written, but worth a look.</summary>
    public long Warnings => Interlocked.Read(ref _warnings);

    /// <summary>True when nothing was dropped.</summary>
    public bool IsLossless => DroppedTasks == 0 && DroppedAnnotations == 0 && DroppedRegions == 0;

    /// <summary>The first <see cref="MaxRecordedIssues"/> issues, in the order they were recorded.</summary>
    public IReadOnlyList<ConversionIssue> Issues
    {
        get
        {
            lock (_gate)
            {
                return _issues.ToArray();
            }
        }
    }

    /// <summary>How many issues were recorded per reason code, all of them counted.</summary>
    public IReadOnlyDictionary<string, long> CountsByReason
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_byReason, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Counts one task read from the input.</summary>
    public void TaskRead() => Interlocked.Increment(ref _tasksRead);

    /// <summary>Counts one task written to the output.</summary>
    public void TaskWritten() => Interlocked.Increment(ref _tasksWritten);

    /// <summary>Counts <paramref name="count"/> output items written.</summary>
    public void ItemsAdded(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref _itemsWritten, count);
    }

    /// <summary>Records something dropped or worth a warning.</summary>
    public void Add(ConversionIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        CountKind(issue.Kind, nameof(issue));
        lock (_gate)
        {
            _byReason[issue.Reason] = _byReason.GetValueOrDefault(issue.Reason) + 1;
            if (_issues.Count < MaxRecordedIssues)
            {
                _issues.Add(issue);
                _recordedCount = _issues.Count;
            }
        }
    }

    /// <summary>
    /// The report this one's issues are replayed into, in order (set on a <see cref="ReportRecorder"/>'s report): its
    /// limit decides whether an issue is still worth building.
    /// </summary>
    internal ConversionReport? ReplayTarget { get; set; }

    /// <summary>
    /// Counts an issue without building it when it could no longer be recorded, only counted: the report that keeps
    /// the issues (this one, or <see cref="ReplayTarget"/>) already holds <see cref="MaxRecordedIssues"/>. Exports that
    /// drop hundreds of thousands of regions then skip the issue objects and their messages; the counts come out the same.
    /// </summary>
    /// <returns><see langword="false"/> when the issue may still be recorded: the caller must then <see cref="Add"/> it.</returns>
    internal bool TryCountOnly(ConversionIssueKind kind, string reason)
    {
        var keeper = ReplayTarget ?? this;
        if (keeper._recordedCount < keeper.MaxRecordedIssues)
        {
            return false;
        }

        if (ReplayTarget is null)
        {
            CountKind(kind, nameof(kind));
            lock (_gate)
            {
                _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
            }

            return true;
        }

        // A recorder's report keeps the issue's place for the replay, which counts it; one shared stand-in per kind and
        // reason does, since the target is full and will not record it.
        ConversionIssue standIn;
        lock (_gate)
        {
            _countedOnly ??= [];
            if (!_countedOnly.TryGetValue((kind, reason), out standIn!))
            {
                standIn = new ConversionIssue(kind, reason, "Counted only: the report already holds its maximum of recorded issues.");
                _countedOnly.Add((kind, reason), standIn);
            }
        }

        Add(standIn);
        return true;
    }

    private void CountKind(ConversionIssueKind kind, string parameterName)
    {
        switch (kind)
        {
            case ConversionIssueKind.DroppedTask:
                Interlocked.Increment(ref _droppedTasks);
                break;
            case ConversionIssueKind.DroppedAnnotation:
                Interlocked.Increment(ref _droppedAnnotations);
                break;
            case ConversionIssueKind.DroppedRegion:
                Interlocked.Increment(ref _droppedRegions);
                break;
            case ConversionIssueKind.Warning:
                Interlocked.Increment(ref _warnings);
                break;
            default:
                throw new ArgumentOutOfRangeException(parameterName, kind, "Unknown issue kind.");
        }
    }

    /// <summary>
    /// Empties the report for reuse (a <see cref="ReportRecorder"/> serves chunk after chunk): its issue list keeps its
    /// capacity instead of growing again from empty for every chunk.
    /// </summary>
    internal void Clear()
    {
        lock (_gate)
        {
            _issues.Clear();
            _recordedCount = 0;
            _byReason.Clear();
        }

        Interlocked.Exchange(ref _tasksRead, 0);
        Interlocked.Exchange(ref _tasksWritten, 0);
        Interlocked.Exchange(ref _itemsWritten, 0);
        Interlocked.Exchange(ref _droppedTasks, 0);
        Interlocked.Exchange(ref _droppedAnnotations, 0);
        Interlocked.Exchange(ref _droppedRegions, 0);
        Interlocked.Exchange(ref _warnings, 0);
    }

    internal int RecordedIssueCount
    {
        get
        {
            lock (_gate)
            {
                return _issues.Count;
            }
        }
    }

    /// <summary>Adds the kept issues <paramref name="start"/> to <paramref name="end"/> (exclusive) to <paramref name="target"/>, in order.</summary>
    internal void ReplayIssuesInto(ConversionReport target, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            ConversionIssue issue;
            lock (_gate)
            {
                issue = _issues[i];
            }

            target.Add(issue);
        }
    }

    /// <summary>One line per reason, for a CLI summary: <c>dropped 3 region(s): missing-image-size</c>.</summary>
    public IEnumerable<string> Summarize()
    {
        yield return $"{TasksRead} task(s) read, {TasksWritten} written, {ItemsWritten} item(s) written";
        foreach (var (reason, count) in CountsByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return $"{count} x {reason}";
        }
    }
}
