namespace LabelStudio.Client.Import;

/// <summary>How <see cref="ImportClient.ImportTasksAsync(long, IAsyncEnumerable{LabelStudio.Formats.Models.LabelStudioTask}, TaskImportOptions?, CancellationToken)"/> sends task objects.</summary>
public sealed class TaskImportOptions
{
    /// <summary>
    /// Tasks per request (null: all in one request). Chunks are sent one after the other, each waited for (an asynchronous
    /// import is polled) before the next, so a failure stops the import at a known task range.
    /// </summary>
    public int? ChunkSize { get; set; }

    /// <summary>Ask the server for the ids of the created tasks (<c>return_task_ids=true</c>), collected in <see cref="TaskImportResult.TaskIds"/>.</summary>
    public bool ReturnTaskIds { get; set; }

    /// <summary>Receives the progress after each chunk.</summary>
    public IProgress<ImportProgress>? Progress { get; set; }

    /// <summary>Polling of asynchronous imports (defaults to the client's).</summary>
    public PollingOptions? Polling { get; set; }

    /// <summary>Attempt timeout of each upload (defaults to the client's LongOperationTimeout).</summary>
    public TimeSpan? Timeout { get; set; }
}
