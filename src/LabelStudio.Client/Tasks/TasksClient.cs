using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LabelStudio.Client.DataManager;
using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tasks;

/// <summary>
/// Tasks: the Data Manager task list (<c>/api/tasks/</c>, envelope pages with totals), the project task list
/// (<c>/api/projects/{id}/tasks/</c>, plain-array pages), create, read, update, delete and task events. Lists stream
/// each page from the response body through the Formats models' contract: one task at a time in memory, every
/// member kept (data, annotations with their results, predictions, drafts, meta, members this version does not model).
/// </summary>
public class TasksClient
{
    private readonly LabelStudioHttp _http = null!;

    /// <summary>For mocking.</summary>
    protected TasksClient()
    {
    }

    internal TasksClient(LabelStudioHttp http)
    {
        _http = http;
    }

    /// <summary>
    /// Lists tasks page by page as enumerated (<c>GET /api/tasks/</c>). Enumeration ends when the reported <c>total</c> is
    /// reached, on a short or empty page, or on Label Studio's 404 for a page past the last; a 404 on page 1 is an error.
    /// </summary>
    /// <param name="options">Project or view, query, page size and how much of each task.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The tasks, streamed.</returns>
    /// <exception cref="LabelStudioJsonException">A page is not a task list or a task is malformed (names the page, task index and byte offset).</exception>
    [Operation("api_tasks_list")]
    public virtual IAsyncEnumerable<LabelStudioTask> ListAsync(TaskListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var query = ListQuery(options);
        return Enumerate(page => $"api/tasks/?page={page}&page_size={options.PageSize}{query}", options.PageSize, cancellationToken);
    }

    /// <summary>Reads one page of the Data Manager task list with its totals (<c>total</c>; <c>total_annotations</c> and <c>total_predictions</c> in <see cref="LabelStudioPage{T}.Totals"/>).</summary>
    /// <param name="options">Project or view, query, page size and how much of each task.</param>
    /// <param name="page">The 1-based page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    [Operation("api_tasks_list")]
    public virtual async Task<LabelStudioPage<LabelStudioTask>> ListPageAsync(TaskListOptions options, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        Validate(options);
        var path = $"api/tasks/?page={page}&page_size={options.PageSize}{ListQuery(options)}";
        using var response = await GetListAsync(path, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var reader = new TaskStreamReader(stream, Source(path));
            var items = new List<LabelStudioTask>();
            await foreach (var task in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(task);
            }

            EnsureTasks(reader, path);
            var total = reader.Total;
            var hasNext = items.Count >= options.PageSize && (total is null || ((long)(page - 1) * options.PageSize) + items.Count < total);
            return new LabelStudioPage<LabelStudioTask>(items, page, total, hasNext)
            {
                Totals = reader.Totals.Where(t => t.Key != "total").ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            };
        }
    }

    /// <summary>
    /// Lists a project's tasks with annotations and predictions through the project task list (<c>GET /api/projects/{id}/tasks/</c>,
    /// plain-array pages; an internal endpoint of the spec that Label Studio serves on every edition). Ends on a short page or
    /// on the 404 past the last page.
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="pageSize">Tasks per page (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The tasks, streamed.</returns>
    [Operation("api_projects_tasks_list")]
    public virtual IAsyncEnumerable<LabelStudioTask> ListProjectTasksAsync(long projectId, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        return Enumerate(page => string.Create(CultureInfo.InvariantCulture, $"api/projects/{projectId}/tasks/?page={page}&page_size={pageSize}"), pageSize, cancellationToken);
    }

    /// <summary>Reads a task with its annotations and predictions.</summary>
    /// <param name="id">Task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task.</returns>
    [Operation("api_tasks_retrieve")]
    public virtual Task<LabelStudioTask> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path($"api/tasks/{id}/"));
        return SendForTaskAsync(request, cancellationToken);
    }

    /// <summary>
    /// Creates one task in a project (its data, and meta if set). Not retried after it reached the server (a replay would
    /// create a second task). For many tasks use <c>client.Import.ImportTasksAsync</c>.
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="task">The task; its <c>project</c> is set to <paramref name="projectId"/> on the wire (the object is not changed).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created task.</returns>
    [Operation("api_tasks_create")]
    public virtual Task<LabelStudioTask> CreateAsync(long projectId, LabelStudioTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var body = ModelBodies.ToObject(LabelStudioJson.SerializeToUtf8Bytes(task));
        body["project"] = projectId;
        var request = new HttpRequestMessage(HttpMethod.Post, Path("api/tasks/")) { Content = ModelBodies.Json(body) };
        return SendForTaskAsync(request, cancellationToken);
    }

    /// <summary>
    /// Updates a task: the members of <paramref name="changes"/> that hold something (or were present when it was read)
    /// are sent, e.g. <c>new LabelStudioTask { Data = newData }</c> or <c>{ Meta = ... }</c>.
    /// </summary>
    /// <param name="id">Task id.</param>
    /// <param name="changes">The members to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated task.</returns>
    [Operation("api_tasks_partial_update")]
    public virtual Task<LabelStudioTask> UpdateAsync(long id, LabelStudioTask changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var request = new HttpRequestMessage(HttpMethod.Patch, Path($"api/tasks/{id}/")) { Content = ModelBodies.Json(LabelStudioJson.SerializeToUtf8Bytes(changes)) };
        return SendForTaskAsync(request, cancellationToken);
    }

    /// <summary>Deletes a task with its annotations and predictions.</summary>
    /// <param name="id">Task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_tasks_destroy")]
    public virtual async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path($"api/tasks/{id}/"));
        await ModelBodies.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a labeling-interface event on a task.</summary>
    /// <param name="id">Task id.</param>
    /// <param name="taskEvent">The event: at least <see cref="TaskEvent.EventKey"/> and <see cref="TaskEvent.EventTime"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recorded event.</returns>
    [Operation("api_tasks_events_create")]
    public virtual async Task<TaskEvent> CreateEventAsync(long id, TaskEvent taskEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskEvent.EventKey, nameof(taskEvent));
        using var request = new HttpRequestMessage(HttpMethod.Post, Path($"api/tasks/{id}/events/"))
        {
            Content = JsonContent.Create(taskEvent, LabelStudioJsonContext.Default.TaskEvent),
        };
        return await ModelBodies.SendAsync(_http, request, b => JsonSerializer.Deserialize(b, LabelStudioJsonContext.Default.TaskEvent)!, cancellationToken).ConfigureAwait(false);
    }

    private static void Validate(TaskListOptions options)
    {
        if (options.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "TaskListOptions.PageSize must be between 1 and 1000.");
        }

        if (options.Ids is not null && options.Query?.SelectedItems is not null)
        {
            throw new ArgumentException("TaskListOptions.Ids and a Query with SelectedItems cannot be combined: both select tasks.", nameof(options));
        }
    }

    private static string ListQuery(TaskListOptions options)
    {
        var query = new StringBuilder();
        query.Append("&fields=").Append(options.IncludeAnnotations ? "all" : "task_only");
        if (options.ProjectId is { } project)
        {
            query.Append(CultureInfo.InvariantCulture, $"&project={project}");
        }

        if (options.ViewId is { } view)
        {
            query.Append(CultureInfo.InvariantCulture, $"&view={view}");
        }

        if (options.OnlyAnnotated)
        {
            query.Append("&only_annotated=true");
        }

        if (options.ResolveUri is { } resolve)
        {
            query.Append("&resolve_uri=").Append(resolve ? "true" : "false");
        }

        var dmQuery = options.Query;
        if (options.Ids is { } ids)
        {
            var selection = new StringBuilder("{\"all\":false,\"included\":[");
            selection.AppendJoin(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))).Append("]}");
            dmQuery = new DataManagerQuery
            {
                Filters = dmQuery?.Filters,
                Ordering = dmQuery?.Ordering,
                AdditionalProperties = dmQuery?.AdditionalProperties,
                SelectedItems = JsonDocument.Parse(selection.ToString()).RootElement,
            };
        }

        if (dmQuery is not null)
        {
            query.Append("&query=").Append(Uri.EscapeDataString(dmQuery.ToJson()));
        }

        return query.ToString();
    }

    private async IAsyncEnumerable<LabelStudioTask> Enumerate(Func<int, string> pathOf, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long seen = 0;
        for (var page = 1; ; page++)
        {
            var path = pathOf(page);
            var response = await GetPageOrEndAsync(path, page, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                yield break;
            }

            long count;
            long? total;
            using (response)
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var reader = new TaskStreamReader(stream, Source(path));
                    await foreach (var task in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return task;
                    }

                    EnsureTasks(reader, path);

                    count = reader.Count;
                    total = reader.Total;
                }
            }

            seen += count;
            if (count == 0 || count < pageSize || (total is { } t && seen >= t))
            {
                yield break;
            }
        }
    }

    private async Task<HttpResponseMessage?> GetPageOrEndAsync(string path, int page, CancellationToken cancellationToken)
    {
        try
        {
            return await GetListAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (LabelStudioNotFoundException) when (page > 1)
        {
            // Label Studio answers "Invalid page." past the last page.
            return null;
        }
    }

    private Task<HttpResponseMessage> GetListAsync(string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(path));
        return SendDisposingRequestAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendDisposingRequestAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<LabelStudioTask> SendForTaskAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializeTask(b), cancellationToken).ConfigureAwait(false);
        }
    }

    private static void EnsureTasks(TaskStreamReader reader, string path)
    {
        if (reader.IsEnvelope && !reader.SawTasks)
        {
            // The generated .NET client returned empty task lists for answers it could not map; never do that silently.
            throw new LabelStudioJsonException($"{Source(path)}: the answer is an object without a 'tasks' member; expected {{\"tasks\": [...], \"total\": n}}.");
        }
    }

    private static string Source(string path) => "GET /" + path;

    private static Uri Path(FormattableString path) => LabelStudioHttp.Relative(FormattableString.Invariant(path));

    private static Uri Path(string path) => LabelStudioHttp.Relative(path);
}
