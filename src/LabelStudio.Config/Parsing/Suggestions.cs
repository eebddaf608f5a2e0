namespace LabelStudio.Config.Parsing;

/// <summary>"Did you mean" lookups by edit distance, ignoring case.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="input"/>, if within a distance that still reads as a typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var list = candidates as IReadOnlyCollection<string> ?? [.. candidates];
        return ByDistance(input, list) ?? ByAbbreviation(input, list);
    }

    private static string? ByDistance(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, Math.Min(3, input.Length / 3));
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, input, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            if (Math.Abs(candidate.Length - input.Length) > limit)
            {
                continue;
            }

            var distance = Distance(input, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The one candidate that abbreviates the input or is abbreviated by it (<c>img</c> / <c>image</c>).</summary>
    private static string? ByAbbreviation(string input, IEnumerable<string> candidates)
    {
        string? found = null;
        foreach (var candidate in candidates)
        {
            var (shorter, longer) = candidate.Length <= input.Length ? (candidate, input) : (input, candidate);
            if (shorter.Length >= 3 && IsSubsequence(shorter, longer))
            {
                if (found is not null)
                {
                    return null;
                }

                found = candidate;
            }
        }

        return found;
    }

    private static bool IsSubsequence(string shorter, string longer)
    {
        var j = 0;
        for (var i = 0; i < longer.Length && j < shorter.Length; i++)
        {
            if (char.ToLowerInvariant(longer[i]) == char.ToLowerInvariant(shorter[j]))
            {
                j++;
            }
        }

        return j == shorter.Length && char.ToLowerInvariant(shorter[0]) == char.ToLowerInvariant(longer[0]);
    }

    private static int Distance(string a, string b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}
