using LabelStudio.Formats.Conversion;
using System.Text.Json;
using LabelStudio.Client.Export;
using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;
using LabelStudio.Client.Users;

namespace LabelStudio.Client.Projects;

/// <summary>Projects: list, create, read, update, delete, validate a labeling config, export formats.</summary>
public class ProjectsClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IProjectsApi _api = null!;

    /// <summary>For mocking.</summary>
    protected ProjectsClient()
    {
    }

    internal ProjectsClient(LabelStudioHttp http, IProjectsApi api)
    {
        _http = http;
        _api = api;
    }

    /// <summary>Lists projects, page by page as enumerated.</summary>
    /// <param name="options">Filters and ordering (optional).</param>
    /// <returns>The projects.</returns>
    [Operation("api_projects_list")]
    public virtual LabelStudioPageable<Project> List(ProjectListOptions? options = null) =>
        Pageables.Envelope<Project>(
            (page, size, ct) => _api.ListAsync(page, size, options?.Ordering, options?.Title, Ids(options?.Ids), options?.Search, options?.Archived, ct),
            options?.PageSize ?? _http.Options.PageSize);

    /// <summary>Lists the task and annotation counters of projects.</summary>
    /// <param name="options">Filters and ordering (optional; Ordering and Ids apply).</param>
    /// <returns>The counters.</returns>
    [Operation("api_projects_counts_list")]
    public virtual LabelStudioPageable<ProjectCounts> ListCounts(ProjectListOptions? options = null) =>
        Pageables.Envelope<ProjectCounts>(
            (page, size, ct) => _api.ListCountsAsync(page, size, options?.Ordering, Ids(options?.Ids), ct),
            options?.PageSize ?? _http.Options.PageSize);

    /// <summary>Creates a project. Not retried on transient failures (a replay could create a second project).</summary>
    /// <param name="project">The settings; at least a title.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created project.</returns>
    [Operation("api_projects_create")]
    public virtual Task<Project> CreateAsync(ProjectRequest project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        return _api.CreateAsync(project, cancellationToken);
    }

    /// <summary>Reads a project.</summary>
    /// <param name="id">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The project.</returns>
    [Operation("api_projects_retrieve")]
    public virtual Task<Project> GetAsync(int id, CancellationToken cancellationToken = default) => _api.GetAsync(id, cancellationToken);

    /// <summary>Updates the fields that are set in <paramref name="changes"/>.</summary>
    /// <param name="id">Project id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated project.</returns>
    [Operation("api_projects_partial_update")]
    public virtual Task<Project> UpdateAsync(int id, ProjectRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _api.UpdateAsync(id, changes, cancellationToken);
    }

    /// <summary>Deletes a project with its tasks.</summary>
    /// <param name="id">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_projects_destroy")]
    public virtual Task DeleteAsync(int id, CancellationToken cancellationToken = default) => _api.DeleteAsync(id, cancellationToken);

    /// <summary>Lists the users who annotated in a project.</summary>
    /// <param name="id">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotators.</returns>
    [Operation("api_projects_annotators_retrieve")]
    public virtual async Task<IReadOnlyList<UserSummary>> ListAnnotatorsAsync(int id, CancellationToken cancellationToken = default) =>
        await _api.ListAnnotatorsAsync(id, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>
    /// Asks the server whether a labeling config can replace the project's one (e.g. no label still used by annotations is removed).
    /// Throws <see cref="LabelStudioValidationException"/> with the server's reasons when not.
    /// </summary>
    /// <param name="id">Project id.</param>
    /// <param name="labelConfig">The config XML.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's answer.</returns>
    [Operation("api_projects_validate_label_config")]
    public virtual Task<LabelConfigValidation> ValidateLabelConfigAsync(int id, string labelConfig, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labelConfig);
        return _api.ValidateLabelConfigAsync(id, new LabelConfigValidation { LabelConfig = labelConfig }, true, cancellationToken);
    }

    /// <summary>Deletes every task of a project (annotations and predictions included).</summary>
    /// <param name="id">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_projects_tasks_destroy")]
    public virtual Task DeleteAllTasksAsync(int id, CancellationToken cancellationToken = default) => _api.DeleteAllTasksAsync(id, cancellationToken);

    /// <summary>Lists the export formats the project's config allows (objects, not the spec's strings).</summary>
    /// <param name="id">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The formats.</returns>
    public virtual async Task<IReadOnlyList<ExportFormatInfo>> ListExportFormatsAsync(int id, CancellationToken cancellationToken = default)
    {
        // The server sends objects; the spec (and older servers) say plain format names. Accept both.
        var items = await _api.ListExportFormatsAsync(id, cancellationToken).ConfigureAwait(false) ?? [];
        return items.Select(item => item.ValueKind == JsonValueKind.String
                ? new ExportFormatInfo { Name = new ExportFormat(item.GetString()!) }
                : item.Deserialize(LabelStudioJsonContext.Default.ExportFormatInfo) ?? new ExportFormatInfo())
            .ToList();
    }

    private static string? Ids(IEnumerable<int>? ids) => ids is null ? null : string.Join(',', ids);
}
