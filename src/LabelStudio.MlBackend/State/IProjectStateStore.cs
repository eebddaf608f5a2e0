namespace LabelStudio.MlBackend.State;

/// <summary>
/// Per-project state of an ML backend: model version, extra params and a folder for model files.
/// The default, <see cref="FileProjectStateStore"/>, keeps it under a data folder on local disk; a deployment
/// with several replicas implements this interface over a store they share.
/// </summary>
public interface IProjectStateStore
{
    /// <summary>Reads the state of <paramref name="projectId"/>, or <see langword="null"/> when nothing was stored yet.</summary>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is not a valid project id.</exception>
    Task<ProjectState?> GetAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="state"/>, replacing what was stored for its project, atomically.</summary>
    Task SaveAsync(ProjectState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads, changes and stores the state of one project with no other update of the same project in between.
    /// <paramref name="update"/> receives the stored state, or <see langword="null"/> when there is none.
    /// </summary>
    Task<ProjectState> UpdateAsync(string projectId, Func<ProjectState?, ProjectState> update, CancellationToken cancellationToken = default);

    /// <summary>The folder where the backend may keep model files for <paramref name="projectId"/>; created on demand.</summary>
    string GetModelDirectory(string projectId);
}
