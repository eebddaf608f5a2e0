using System.Runtime.CompilerServices;

namespace LabelStudio.Client.Paging;

/// <summary>
/// A list of any paging style (DRF <c>count/next/results</c>, Data Manager <c>tasks/total</c>, plain arrays, unpaginated)
/// enumerated lazily across pages. Enumeration ends when the server says there is no next page, when the reported
/// total is reached, on a short or empty page, or on a 404 for a page after the first (Label Studio's "Invalid page.");
/// a 404 on page 1 is an error.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public class LabelStudioPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<int, int, CancellationToken, Task<LabelStudioPage<T>>>? _fetch;

    /// <summary>For mocking.</summary>
    protected LabelStudioPageable()
    {
    }

    internal LabelStudioPageable(Func<int, int, CancellationToken, Task<LabelStudioPage<T>>> fetch, int pageSize)
    {
        _fetch = fetch;
        PageSize = pageSize;
    }

    /// <summary>Items requested per page.</summary>
    public int PageSize { get; }

    /// <summary>The same list with another page size (1 to 1000).</summary>
    /// <param name="pageSize">Items per page.</param>
    /// <returns>A new pageable; this one is unchanged.</returns>
    public virtual LabelStudioPageable<T> WithPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        return new LabelStudioPageable<T>(Fetch, pageSize);
    }

    /// <summary>Fetches one page (1-based) with its totals.</summary>
    /// <param name="pageNumber">The page, from 1.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    public virtual Task<LabelStudioPage<T>> GetPageAsync(int pageNumber, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        return Fetch(pageNumber, PageSize, cancellationToken);
    }

    /// <summary>Enumerates the pages, stopping at the end as described on the type.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pages.</returns>
    public virtual async IAsyncEnumerable<LabelStudioPage<T>> AsPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long seen = 0;
        for (var number = 1; ; number++)
        {
            LabelStudioPage<T> page;
            try
            {
                page = await Fetch(number, PageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (LabelStudioNotFoundException) when (number > 1)
            {
                yield break;
            }

            seen += page.Items.Count;
            yield return page;
            if (!page.HasNextPage || page.Items.Count == 0 || (page.TotalCount is { } total && seen >= total))
            {
                yield break;
            }
        }
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPagesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads every item into a list (convenient for short lists).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>All items.</returns>
    public virtual async Task<IReadOnlyList<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in this.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }

    private Task<LabelStudioPage<T>> Fetch(int page, int size, CancellationToken cancellationToken) =>
        _fetch is null ? throw new InvalidOperationException("This pageable was created for mocking and has no source.") : _fetch(page, size, cancellationToken);
}
