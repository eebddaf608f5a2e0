namespace LabelStudio.Client.Import;

/// <summary>Where an object import stands after a chunk: what was sent, and what the server reported created so far.</summary>
public sealed class ImportProgress
{
    /// <summary>Tasks (or predictions) sent so far, in completed chunks.</summary>
    public long ItemsSent { get; init; }

    /// <summary>Chunks the server accepted so far.</summary>
    public int ChunksDone { get; init; }

    /// <summary>Tasks the server reported created so far (0 for a predictions import).</summary>
    public long TasksCreated { get; init; }

    /// <summary>Annotations the server reported created so far.</summary>
    public long AnnotationsCreated { get; init; }

    /// <summary>Predictions the server reported created so far.</summary>
    public long PredictionsCreated { get; init; }
}
