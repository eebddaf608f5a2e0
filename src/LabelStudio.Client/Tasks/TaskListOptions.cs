using LabelStudio.Client.DataManager;

namespace LabelStudio.Client.Tasks;

/// <summary>Which tasks <see cref="TasksClient.ListAsync"/> lists (the Data Manager task list, <c>GET /api/tasks/</c>) and how much of each.</summary>
public sealed class TaskListOptions
{
    /// <summary>Project whose tasks are listed (<c>project=</c>).</summary>
    public long? ProjectId { get; set; }

    /// <summary>Data Manager view whose filters and ordering apply (<c>view=</c>).</summary>
    public long? ViewId { get; set; }

    /// <summary>Filters, ordering and selection, e.g. from <see cref="DataManagerQueryBuilder.Build"/> (<c>query=</c>).</summary>
    public DataManagerQuery? Query { get; set; }

    /// <summary>
    /// Full tasks with annotations (and their results), predictions and drafts (<c>fields=all</c>, true), or the task
    /// fields only (<c>fields=task_only</c>, false, the default).
    /// </summary>
    public bool IncludeAnnotations { get; set; }

    /// <summary>Only tasks with at least one annotation (<c>only_annotated=true</c>).</summary>
    public bool OnlyAnnotated { get; set; }

    /// <summary>Ask the server to turn cloud storage URIs in task data into URLs the caller can open (<c>resolve_uri=</c>).</summary>
    public bool? ResolveUri { get; set; }

    /// <summary>Tasks per page (1 to 1000; default 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Only these task ids (sent as the query's <c>selectedItems</c>); cannot be combined with a query that has its own selection.</summary>
    public IReadOnlyList<long>? Ids { get; set; }
}
