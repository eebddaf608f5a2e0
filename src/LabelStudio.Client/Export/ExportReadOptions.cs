using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>How <see cref="ExportClient.ExportTasksAsync"/> makes the snapshot it reads.</summary>
public sealed class ExportReadOptions
{
    /// <summary>What the snapshot includes (null: every task with its annotations and predictions).</summary>
    public ExportSnapshotRequest? Snapshot { get; set; }

    /// <summary>Polling of the snapshot (defaults to the client's).</summary>
    public PollingOptions? Polling { get; set; }

    /// <summary>Limits of the JSON reader (task size, depth, buffer).</summary>
    public LabelStudioJsonReaderOptions? Reader { get; set; }

    /// <summary>Delete the snapshot from the server once every task was read (default false: it stays, like one made in the UI).</summary>
    public bool DeleteSnapshot { get; set; }
}
