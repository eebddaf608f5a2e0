using LabelStudio.Config;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.Host.Models;

/// <summary>
/// The backend <c>labelstudio serve</c> runs: the substring matcher for interactive Labels over Text, the text
/// classifier for Choices over Text; anything else gets empty predictions, never an error.
/// </summary>
internal sealed class BuiltInModel(BuiltInModelSelection selection, TextClassifier classifier) : LabelStudioMlBackend
{
    public override string ModelClass => "LabelStudio.Host.BuiltInModel";

    public override async Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        LabelConfig? config = null;
        try
        {
            config = string.IsNullOrWhiteSpace(request.LabelConfigXml) ? null : request.GetLabelConfig();
        }
        catch (LabelStudio.Config.Validation.LabelConfigException)
        {
            // A config we cannot read is one no built-in model applies to.
        }

        if (config is not null && selection != BuiltInModelSelection.Classifier && request.IsInteractive
            && SubstringMatcher.TryPredict(config, request, out var matches))
        {
            return matches;
        }

        if (config is not null && selection != BuiltInModelSelection.Substring && request.ProjectId is not null)
        {
            var predictions = await classifier.PredictAsync(request.ProjectId, config, request.Tasks, cancellationToken).ConfigureAwait(false);
            if (predictions is not null)
            {
                return predictions;
            }
        }

        return [.. request.Tasks.Select(_ => (IReadOnlyList<Prediction>)[])];
    }

    public override Task<string?> FitAsync(TrainingRequest request, CancellationToken cancellationToken = default) =>
        selection == BuiltInModelSelection.Substring
            ? Task.FromResult<string?>(null)
            : classifier.FitAsync(request, cancellationToken);
}
