namespace LabelStudio.Client.Import;

/// <summary>How <see cref="ImportClient.ImportPredictionsAsync"/> sends prediction objects.</summary>
public sealed class PredictionImportOptions
{
    /// <summary>Predictions per request (null: all in one request); chunks are sent one after the other.</summary>
    public int? ChunkSize { get; set; }

    /// <summary>Receives the progress after each chunk.</summary>
    public IProgress<ImportProgress>? Progress { get; set; }

    /// <summary>Attempt timeout of each upload (defaults to the client's LongOperationTimeout).</summary>
    public TimeSpan? Timeout { get; set; }
}
