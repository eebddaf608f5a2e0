using LabelStudio.Formats.Models;

namespace LabelStudio.MlBackend;

/// <summary>
/// Where <see cref="LabelStudioMlBackend.FitAsync"/> fetches the annotated tasks of a project (for example through the
/// Label Studio REST client). Register one in the service collection; <see cref="Contracts.TrainingRequest.TaskSource"/>
/// is <see langword="null"/> when none is registered.
/// </summary>
public interface ILabelStudioTaskSource
{
    /// <summary>Streams the tasks of a project that have at least one annotation.</summary>
    /// <param name="projectId">The Label Studio project id.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The annotated tasks.</returns>
    IAsyncEnumerable<LabelStudioTask> GetAnnotatedTasksAsync(string projectId, CancellationToken cancellationToken = default);
}
