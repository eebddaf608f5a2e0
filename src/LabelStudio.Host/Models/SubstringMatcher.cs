using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.Host.Models;

/// <summary>Interactive Labels over Text: the span the annotator just labelled is labelled everywhere else in the text.</summary>
internal static class SubstringMatcher
{
    public static bool TryPredict(LabelConfig config, PredictionRequest request, out IReadOnlyList<IReadOnlyList<Prediction>> predictions)
    {
        predictions = [];
        var spans = request.Context!.Results.Where(r => r.Value is LabelsValue { Text.Length: > 0 }).ToList();
        if (spans.Count == 0 || request.Tasks.Count != 1)
        {
            return false;
        }

        var task = request.Tasks[0];
        var results = new List<Result>();
        foreach (var span in spans)
        {
            var value = (LabelsValue)span.Value!;
            if (span.ToName is null || !config.TryGetObject(span.ToName, out var target) || target.DataKey is null
                || task.Data[target.DataKey]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                continue;
            }

            var text = task.Data[target.DataKey]!.GetValue<string>();
            for (var start = text.IndexOf(value.Text!, StringComparison.Ordinal); start >= 0; start = text.IndexOf(value.Text!, start + 1, StringComparison.Ordinal))
            {
                results.Add(new Result
                {
                    Id = $"{span.Id}-{start}",
                    FromName = span.FromName,
                    ToName = span.ToName,
                    Type = ResultType.Labels,
                    Value = new LabelsValue { Start = start, End = start + value.Text!.Length, Text = value.Text, Labels = [.. value.Labels] },
                });
            }
        }

        predictions = [[new Prediction { Results = results, Score = results.Count == 0 ? 0 : 1 }]];
        return true;
    }
}
