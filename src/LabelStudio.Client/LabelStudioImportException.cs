namespace LabelStudio.Client;

/// <summary>
/// A chunk of an object import (tasks or predictions) failed. Says which chunk and which items (0-based indexes in the
/// caller's sequence) it held, and how much the earlier chunks had already imported, so nothing is imported silently in part:
/// resume from <see cref="FirstItemIndex"/>. The cause (an API error, a failed or timed-out asynchronous import, a transport
/// error) is the inner exception.
/// </summary>
public class LabelStudioImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was imported, e.g. "task" or "prediction".</param>
    /// <param name="chunkIndex">0-based index of the failed chunk.</param>
    /// <param name="firstItemIndex">Index of the chunk's first item.</param>
    /// <param name="lastItemIndex">Index of the chunk's last item.</param>
    /// <param name="itemsImported">Items created by the earlier chunks, as the server reported.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioImportException(string what, int chunkIndex, long firstItemIndex, long lastItemIndex, long itemsImported, Exception innerException)
        : base(Describe(what, chunkIndex, firstItemIndex, lastItemIndex, itemsImported, innerException), innerException)
    {
        ChunkIndex = chunkIndex;
        FirstItemIndex = firstItemIndex;
        LastItemIndex = lastItemIndex;
        ItemsImported = itemsImported;
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioImportException()
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>0-based index of the failed chunk.</summary>
    public int ChunkIndex { get; }

    /// <summary>0-based index, in the caller's sequence, of the failed chunk's first item.</summary>
    public long FirstItemIndex { get; }

    /// <summary>0-based index of the failed chunk's last item.</summary>
    public long LastItemIndex { get; }

    /// <summary>Items the earlier chunks created, as the server reported them.</summary>
    public long ItemsImported { get; }

    private static string Describe(string what, int chunkIndex, long first, long last, long imported, Exception? inner)
    {
        var before = chunkIndex == 0
            ? "nothing had been imported before it"
            : $"the {chunkIndex} earlier chunk(s) ({what}s 0 to {first - 1}) had imported {imported} {what}(s)";
        return $"Import chunk {chunkIndex} ({what}s {first} to {last}) failed; {before}. {inner?.Message}";
    }
}
