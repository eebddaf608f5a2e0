using LabelStudio.Formats.Models;
using LabelStudio.MlBackend;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.Benchmarks.MlBackend;

/// <summary>
/// The model behind the Python baseline (reference/mlbackend.md §9): the first Choices control gets its first label
/// with score 0.5. The config comes from the request, parsed once and cached by content.
/// </summary>
public sealed class FirstChoiceBackend : LabelStudioMlBackend
{
    /// <inheritdoc />
    public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        var control = request.GetLabelConfig().FindControls("Choices").FirstOrDefault();
        var answers = new IReadOnlyList<Prediction>[request.Tasks.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = control is null
                ? []
                : [new Prediction
                {
                    Score = 0.5,
                    Results = [new Result { FromName = control.Name, ToName = control.ToNames[0], Type = ResultType.Choices, Value = new ChoicesValue { Choices = [control.LabelValues[0]] } }],
                }];
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>(answers);
    }
}
