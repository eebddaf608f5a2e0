namespace LabelStudio.Client;

/// <summary>
/// A batch of a bulk delete failed. The batches before it were deleted on the server and stay deleted; this exception says
/// how many, and which ids were in the failed batch, so a caller can retry from there.
/// </summary>
public class LabelStudioBulkDeleteException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was deleted, e.g. "annotation".</param>
    /// <param name="batchIndex">0-based index of the failed batch.</param>
    /// <param name="firstItemIndex">Index, in the caller's ids, of the failed batch's first id.</param>
    /// <param name="lastItemIndex">Index of the failed batch's last id.</param>
    /// <param name="itemsDeleted">Items the earlier batches deleted, as the server reported them.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioBulkDeleteException(string what, int batchIndex, long firstItemIndex, long lastItemIndex, long itemsDeleted, Exception innerException)
        : base(Describe(what, batchIndex, firstItemIndex, lastItemIndex, itemsDeleted, innerException), innerException)
    {
        BatchIndex = batchIndex;
        FirstItemIndex = firstItemIndex;
        LastItemIndex = lastItemIndex;
        ItemsDeleted = itemsDeleted;
    }

    /// <summary>Creates the exception (for mocking).</summary>
    public LabelStudioBulkDeleteException()
    {
    }

    /// <summary>Creates the exception with a message (for mocking).</summary>
    /// <param name="message">The message.</param>
    public LabelStudioBulkDeleteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (for mocking).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LabelStudioBulkDeleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>0-based index of the failed batch.</summary>
    public int BatchIndex { get; }

    /// <summary>0-based index, in the caller's ids, of the failed batch's first id.</summary>
    public long FirstItemIndex { get; }

    /// <summary>0-based index of the failed batch's last id.</summary>
    public long LastItemIndex { get; }

    /// <summary>Items the earlier batches deleted, as the server reported them.</summary>
    public long ItemsDeleted { get; }

    private static string Describe(string what, int batchIndex, long first, long last, long deleted, Exception? inner)
    {
        var before = batchIndex == 0
            ? "nothing had been deleted before it"
            : $"the {batchIndex} earlier batch(es) (ids 0 to {first - 1} of the list) had deleted {deleted} {what}(s)";
        return $"Bulk delete batch {batchIndex} (ids {first} to {last} of the list) failed; {before}. {inner?.Message}";
    }
}
