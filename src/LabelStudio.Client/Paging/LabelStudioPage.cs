namespace LabelStudio.Client.Paging;

/// <summary>One page of a list, with the totals the server reported.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class LabelStudioPage<T>
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The items of this page.</param>
    /// <param name="pageNumber">The 1-based page number.</param>
    /// <param name="totalCount">The total number of items across pages, when the server reports it.</param>
    /// <param name="hasNextPage">Whether another page follows.</param>
    public LabelStudioPage(IReadOnlyList<T> items, int pageNumber, long? totalCount, bool hasNextPage)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        PageNumber = pageNumber;
        TotalCount = totalCount;
        HasNextPage = hasNextPage;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The 1-based page number.</summary>
    public int PageNumber { get; }

    /// <summary>The total number of items across pages (<c>count</c> or <c>total</c>), when the server reports it.</summary>
    public long? TotalCount { get; }

    /// <summary>Whether another page follows.</summary>
    public bool HasNextPage { get; }

    /// <summary>Extra totals some lists report (e.g. <c>total_annotations</c>, <c>total_predictions</c> of the task list).</summary>
    public IReadOnlyDictionary<string, long> Totals { get; init; } = new Dictionary<string, long>();
}
