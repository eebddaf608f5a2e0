using LabelStudio.Config.Validation;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.MlBackend.Tests;

/// <summary>
/// The fixtures' dummy model (index.json "dummy_model"): the first Choices control gets its first label with score
/// 0.5 (n_predictions in the task data asks for several, one label each); an interactive context's regions are
/// echoed back with score 1.0.
/// </summary>
internal sealed class DummyChoiceModel : LabelStudioMlBackend
{
    public List<TrainingRequest> Trained { get; } = [];

    public Func<TrainingRequest, string?>? OnFit { get; set; }

    public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Context is { Results.Count: > 0 } context)
        {
            return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>([[new Prediction { Results = [.. context.Results], Score = 1.0 }]]);
        }

        Config.ControlTag? control;
        try
        {
            control = request.GetLabelConfig().FindControls("Choices").FirstOrDefault();
        }
        catch (LabelConfigException)
        {
            control = null;
        }

        var answers = new List<IReadOnlyList<Prediction>>();
        foreach (var task in request.Tasks)
        {
            if (control is null)
            {
                answers.Add([new Prediction { Score = 0.0 }]);
                continue;
            }

            var count = task.Data["n_predictions"]?.GetValue<int>() ?? 1;
            var predictions = new List<Prediction>();
            for (var i = 0; i < count; i++)
            {
                predictions.Add(new Prediction
                {
                    Score = 0.5,
                    Results =
                    [
                        new Result
                        {
                            FromName = control.Name,
                            ToName = control.ToNames[0],
                            Type = ResultType.Choices,
                            Value = new ChoicesValue { Choices = [control.LabelValues[i % control.LabelValues.Count]] },
                        },
                    ],
                });
            }

            answers.Add(predictions);
        }

        return Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>(answers);
    }

    public override Task<string?> FitAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        lock (Trained)
        {
            Trained.Add(request);
        }

        return Task.FromResult(OnFit?.Invoke(request));
    }
}
