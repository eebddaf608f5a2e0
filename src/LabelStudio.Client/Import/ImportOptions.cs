namespace LabelStudio.Client.Import;

/// <summary>How a task import is sent and awaited.</summary>
public sealed class ImportOptions
{
    /// <summary>Create tasks now (default) or only upload files for a later <see cref="ImportClient.ReimportAsync"/> (false).</summary>
    public bool? CommitToProject { get; set; }

    /// <summary>Ask the server to return the created task ids.</summary>
    public bool ReturnTaskIds { get; set; }

    /// <summary>Data fields holding pre-annotations to turn into predictions.</summary>
    public IEnumerable<string>? PreannotatedFromFields { get; set; }

    /// <summary>When the server answers asynchronously (<c>{"import": id}</c>), poll until the import finishes (default true).</summary>
    public bool WaitForCompletion { get; set; } = true;

    /// <summary>Polling of an asynchronous import (defaults to the client's).</summary>
    public PollingOptions? Polling { get; set; }

    /// <summary>Attempt timeout of the upload (defaults to the client's LongOperationTimeout).</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Receives the import's state after each poll.</summary>
    public IProgress<ImportResult>? Progress { get; set; }
}
