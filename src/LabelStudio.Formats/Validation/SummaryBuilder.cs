using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Validation;

internal sealed class SummaryBuilder(int maxDiagnostics)
{
    private readonly List<ValidationDiagnostic> _kept = [];
    private readonly Dictionary<string, long> _byCode = new(StringComparer.Ordinal);
    private long _tasks;
    private long _annotations;
    private long _predictions;
    private long _results;
    private long _errors;
    private long _warnings;
    private bool _truncated;

    public void AddTask(LabelStudioTask task, IReadOnlyList<ValidationDiagnostic> diagnostics)
    {
        _tasks++;
        _annotations += task.Annotations.Count;
        _predictions += task.Predictions.Count;
        _results += task.Annotations.Sum(a => (long)a.Results.Count) + task.Predictions.Sum(p => (long)p.Results.Count);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == ValidationSeverity.Error)
            {
                _errors++;
            }
            else
            {
                _warnings++;
            }

            _byCode[diagnostic.Code] = _byCode.GetValueOrDefault(diagnostic.Code) + 1;
            if (_kept.Count < maxDiagnostics)
            {
                _kept.Add(diagnostic);
            }
            else
            {
                _truncated = true;
            }
        }
    }

    public ValidationSummary Build() =>
        new(_tasks, _annotations, _predictions, _results, _errors, _warnings, _byCode, _kept, _truncated);
}
