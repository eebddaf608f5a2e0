namespace LabelStudio.Client.Import;

/// <summary>The outcome of a predictions import.</summary>
public sealed class PredictionImportResult
{
    /// <summary>Predictions sent.</summary>
    public long PredictionsSent { get; init; }

    /// <summary>Predictions the server reported created (<c>created</c>, summed over the chunks).</summary>
    public long Created { get; init; }

    /// <summary>Requests sent.</summary>
    public int Chunks { get; init; }
}
