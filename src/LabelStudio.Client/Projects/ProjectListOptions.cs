namespace LabelStudio.Client.Projects;

/// <summary>Filters and ordering of the project list.</summary>
public sealed class ProjectListOptions
{
    /// <summary>Ordering field, e.g. <c>created_at</c> or <c>-created_at</c>.</summary>
    public string? Ordering { get; set; }

    /// <summary>Title filter (contains).</summary>
    public string? Title { get; set; }

    /// <summary>Search text.</summary>
    public string? Search { get; set; }

    /// <summary>Only these project ids.</summary>
    public IEnumerable<int>? Ids { get; set; }

    /// <summary>Archived projects only (true) or not archived (false).</summary>
    public bool? Archived { get; set; }

    /// <summary>Page size (defaults to the client's).</summary>
    public int? PageSize { get; set; }
}
