using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;

namespace LabelStudio.MlBackend;

/// <summary>
/// The class an ML backend derives from. One instance serves every request (load weights once, keep them
/// thread-safe); register it with <see cref="MlBackendServiceCollectionExtensions.AddLabelStudioMlBackend{TBackend}"/>.
/// </summary>
public abstract class LabelStudioMlBackend
{
    /// <summary>The <c>model_class</c> reported by <c>/health</c>; the class name by default.</summary>
    public virtual string ModelClass => GetType().Name;

    /// <summary>
    /// Predicts a batch of tasks. Answer one entry per task, in order: an empty list when there is nothing to say,
    /// one prediction, or several. Predictions without a <see cref="Prediction.ModelVersion"/> get the project's.
    /// </summary>
    /// <param name="request">The tasks, the labeling config and the interactive context, if any.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    /// <returns>One list of predictions per task.</returns>
    public abstract Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Trains on a batch of events of one project, in the background (never inside a request).
    /// </summary>
    /// <param name="request">The events and where to keep model files.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    /// <returns>The new model version, or <see langword="null"/> when the model did not change.</returns>
    public virtual Task<string?> FitAsync(TrainingRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// Called on <c>/setup</c>. Keep it fast: Label Studio waits 3 seconds at most (load weights lazily instead).
    /// </summary>
    /// <param name="request">The project, its config and the extra params.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    /// <returns>A task that completes when setup is done.</returns>
    public virtual Task SetupAsync(SetupRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Predicts task by task with <paramref name="predictTask"/>, for backends that read task media: a
    /// <see cref="MediaException"/> (a refused address, a path outside the root, a missing file, a timeout...) costs
    /// only its task, which is reported with <see cref="PredictionRequest.ReportTaskError"/> and answered empty, while
    /// the other tasks keep their predictions. Other exceptions fail the call as usual.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="predictTask">Predicts one task (open its media with <see cref="PredictionRequest.OpenMediaAsync"/>).</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    /// <returns>One list of predictions per task, in order.</returns>
    protected static async Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictEachTaskAsync(
        PredictionRequest request,
        Func<LabelStudioTask, CancellationToken, Task<IReadOnlyList<Prediction>>> predictTask,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(predictTask);
        var answers = new IReadOnlyList<Prediction>[request.Tasks.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var task = request.Tasks[i];
            try
            {
                answers[i] = await predictTask(task, cancellationToken).ConfigureAwait(false) ?? [];
            }
            catch (MediaException ex)
            {
                request.ReportTaskError(task, ex);
                answers[i] = [];
            }
        }

        return answers;
    }
}
