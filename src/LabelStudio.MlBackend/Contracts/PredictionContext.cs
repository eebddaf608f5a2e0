using System.Text.Json;
using LabelStudio.Formats.Models;

namespace LabelStudio.MlBackend.Contracts;

/// <summary>The context of an interactive call: the regions the annotator just drew or typed.</summary>
public sealed class PredictionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="results">The regions of <c>context.result</c>.</param>
    /// <param name="raw">The whole <c>context</c> object as sent.</param>
    public PredictionContext(IReadOnlyList<Result> results, JsonElement raw)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        Raw = raw;
    }

    /// <summary>The regions of <c>context.result</c> (empty when none).</summary>
    public IReadOnlyList<Result> Results { get; }

    /// <summary>The whole <c>context</c> object (annotation_id, draft_id, user_id, ...).</summary>
    public JsonElement Raw { get; }
}
