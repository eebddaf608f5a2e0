using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Validation;

internal sealed class SummaryBuilder(int maxDiagnostics, TaskValidationOptions? checkedParts = null)
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
        // Only what was checked counts: a part the options switched off was not looked at.
        _tasks++;
        if (checkedParts?.ValidateAnnotations ?? true)
        {
            _annotations += task.Annotations.Count;
            foreach (var annotation in task.Annotations)
            {
                _results += annotation.Results.Count;
            }
        }

        if (checkedParts?.ValidatePredictions ?? true)
        {
            _predictions += task.Predictions.Count;
            foreach (var prediction in task.Predictions)
            {
                _results += prediction.Results.Count;
            }
        }

        if (checkedParts?.ValidateDrafts == true)
        {
            foreach (var draft in task.Drafts)
            {
                _results += draft.Results.Count;
            }
        }
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
