namespace LabelStudio.Formats.Models;

/// <summary>Helpers for the results of one annotation or prediction.</summary>
public static class ResultRegions
{
    /// <summary>
    /// Groups results by region id, so the split form (e.g. a <c>rectangle</c> and a <c>labels</c> result
    /// with the same id) reads as one region. Results without an id (relations, classifications written
    /// without one) each form their own group. Order of first appearance is kept.
    /// </summary>
    /// <param name="results">The results of one annotation or prediction.</param>
    /// <returns>One list per region.</returns>
    public static IReadOnlyList<IReadOnlyList<Result>> GroupByRegion(IEnumerable<Result> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = new List<List<Result>>();
        var byId = new Dictionary<string, List<Result>>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Id is { } id && result.Type != ResultType.Relation)
            {
                if (!byId.TryGetValue(id, out var group))
                {
                    group = [];
                    byId.Add(id, group);
                    groups.Add(group);
                }

                group.Add(result);
            }
            else
            {
                groups.Add([result]);
            }
        }

        return groups;
    }
}
