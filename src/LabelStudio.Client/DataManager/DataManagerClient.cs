using System.Text.Json;
using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.DataManager;

/// <summary>Data Manager views (tabs with filters and ordering) and actions on selected tasks.</summary>
public class DataManagerClient
{
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected DataManagerClient()
    {
    }

    internal DataManagerClient(IResourcesApi api) => _api = api;

    /// <summary>Lists views, of one project or all.</summary>
    /// <param name="projectId">Project id (null: every project).</param>
    /// <returns>The views.</returns>
    [Operation("api_dm_views_list")]
    public virtual LabelStudioPageable<View> ListViews(int? projectId = null) => Pageables.Single(ct => _api.ListViewsAsync(projectId, ct));

    /// <summary>Creates a view. Build its filters with <see cref="DataManagerQueryBuilder.BuildViewData"/>.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="data">Filters, ordering, columns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view.</returns>
    [Operation("api_dm_views_create")]
    public virtual Task<View> CreateViewAsync(int projectId, ViewData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _api.CreateViewAsync(new ViewRequest { Project = projectId, Data = data }, cancellationToken);
    }

    /// <summary>Reads a view.</summary>
    /// <param name="viewId">View id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view.</returns>
    [Operation("api_dm_views_retrieve")]
    public virtual Task<View> GetViewAsync(int viewId, CancellationToken cancellationToken = default) => _api.GetViewAsync(viewId, cancellationToken);

    /// <summary>Replaces a view's settings.</summary>
    /// <param name="viewId">View id.</param>
    /// <param name="projectId">Project id.</param>
    /// <param name="data">Filters, ordering, columns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view.</returns>
    [Operation("api_dm_views_partial_update")]
    public virtual Task<View> UpdateViewAsync(int viewId, int projectId, ViewData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _api.UpdateViewAsync(viewId, new ViewRequest { Project = projectId, Data = data }, cancellationToken);
    }

    /// <summary>Deletes a view.</summary>
    /// <param name="viewId">View id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_dm_views_destroy")]
    public virtual Task DeleteViewAsync(int viewId, CancellationToken cancellationToken = default) => _api.DeleteViewAsync(viewId, cancellationToken);

    /// <summary>Deletes every view of a project.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_dm_views_reset_destroy")]
    public virtual Task DeleteAllViewsAsync(int projectId, CancellationToken cancellationToken = default) => _api.DeleteAllViewsAsync(projectId, cancellationToken);

    /// <summary>Sets the order of a project's views (tabs).</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="viewIds">View ids in the new order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    [Operation("api_dm_views_order_create")]
    public virtual Task UpdateViewOrderAsync(int projectId, IEnumerable<int> viewIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewIds);
        return _api.UpdateViewOrderAsync(new ViewOrderRequest { Project = projectId, Ids = [.. viewIds] }, true, cancellationToken);
    }

    /// <summary>Lists the actions available in a project (delete tasks, retrieve predictions, ...).</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The actions.</returns>
    [Operation("api_dm_actions_retrieve")]
    public virtual async Task<IReadOnlyList<DataManagerAction>> ListActionsAsync(int projectId, CancellationToken cancellationToken = default) =>
        await _api.ListActionsAsync(projectId, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>Performs an action on the tasks a query selects. Not retried (actions such as deletions or predictions are not idempotent).</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="actionId">Action id, e.g. <c>delete_tasks</c>, <c>retrieve_tasks_predictions</c>.</param>
    /// <param name="selection">Filters and selected items; null: every task of the project.</param>
    /// <param name="viewId">Apply the view's filters as well.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server accepted the action.</returns>
    [Operation("api_dm_actions_create")]
    public virtual Task PerformActionAsync(int projectId, string actionId, DataManagerQuery? selection = null, int? viewId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actionId);
        var body = new ActionSelection
        {
            SelectedItems = selection?.SelectedItems ?? JsonDocument.Parse("{\"all\":true,\"excluded\":[]}").RootElement.Clone(),
            Filters = selection?.Filters is { } f ? JsonSerializer.SerializeToElement(f, LabelStudioJsonContext.Default.DataManagerFilters) : null,
            Ordering = selection?.Ordering?.ToList(),
        };
        return _api.PerformActionAsync(actionId, projectId, viewId, body, cancellationToken);
    }
}
