namespace LabelStudio.Client.Paging;

/// <summary>Builds pageables for each paging style of the API.</summary>
internal static class Pageables
{
    /// <summary>DRF envelope <c>{count, next, previous, results}</c>: next page while <c>next</c> is set.</summary>
    public static LabelStudioPageable<T> Envelope<T>(Func<int, int, CancellationToken, Task<PagedResponse<T>>> fetch, int pageSize) =>
        new(async (page, size, ct) =>
        {
            var body = await fetch(page, size, ct).ConfigureAwait(false);
            var items = body.Results ?? [];
            return new LabelStudioPage<T>(items, page, body.Count, body.Next is not null && items.Count > 0);
        }, pageSize);

    /// <summary>A plain JSON array per page: a short page is the last one.</summary>
    public static LabelStudioPageable<T> Array<T>(Func<int, int, CancellationToken, Task<List<T>>> fetch, int pageSize) =>
        new(async (page, size, ct) =>
        {
            var items = await fetch(page, size, ct).ConfigureAwait(false) ?? [];
            return new LabelStudioPage<T>(items, page, null, items.Count >= size);
        }, pageSize);

    /// <summary>An unpaginated list served whole: one page.</summary>
    public static LabelStudioPageable<T> Single<T>(Func<CancellationToken, Task<List<T>>> fetch) =>
        new(async (page, _, ct) =>
        {
            if (page > 1)
            {
                return new LabelStudioPage<T>([], page, null, false);
            }

            var items = await fetch(ct).ConfigureAwait(false) ?? [];
            return new LabelStudioPage<T>(items, 1, items.Count, false);
        }, 1000);
}
