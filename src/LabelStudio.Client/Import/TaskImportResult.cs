namespace LabelStudio.Client.Import;

/// <summary>The outcome of a task-object import: totals over every chunk, and each chunk's own answer.</summary>
public sealed class TaskImportResult
{
    /// <summary>Tasks sent.</summary>
    public long TasksSent { get; init; }

    /// <summary>Tasks the server reported created.</summary>
    public long TaskCount { get; init; }

    /// <summary>Annotations the server reported created.</summary>
    public long AnnotationCount { get; init; }

    /// <summary>Predictions the server reported created.</summary>
    public long PredictionCount { get; init; }

    /// <summary>Ids of the created tasks, in order, when <see cref="TaskImportOptions.ReturnTaskIds"/> was set.</summary>
    public IReadOnlyList<long> TaskIds { get; init; } = [];

    /// <summary>The server's answer to each chunk (synchronous counts, or the finished asynchronous import).</summary>
    public IReadOnlyList<ImportResult> Chunks { get; init; } = [];
}
