using System.Globalization;
using System.Runtime.CompilerServices;
using LabelStudio.Client;
using LabelStudio.Client.Tasks;
using LabelStudio.Formats.Models;

namespace LabelStudio.MlBackend;

/// <summary>
/// The <see cref="ILabelStudioTaskSource"/> over LabelStudio.Client: pages through the Data Manager task list
/// (<c>GET /api/tasks/?project=&lt;id&gt;&amp;fields=all&amp;only_annotated=true</c>) and streams every task that has at
/// least one annotation, with its annotations and results, one page in memory at a time. Register it with
/// <see cref="MlBackendServiceCollectionExtensions.AddLabelStudioTaskSource"/>.
/// </summary>
public sealed class LabelStudioClientTaskSource : ILabelStudioTaskSource
{
    private readonly LabelStudioClient _client;
    private readonly int _pageSize;

    /// <summary>Creates a source over <paramref name="client"/>.</summary>
    /// <param name="client">A Label Studio client whose key may read the projects the backend serves.</param>
    /// <param name="pageSize">Tasks per page (1 to 1000; default 100).</param>
    public LabelStudioClientTaskSource(LabelStudioClient client, int pageSize = 100)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        _client = client;
        _pageSize = pageSize;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is not a positive integer.</exception>
    /// <exception cref="LabelStudioApiException">Label Studio refused the listing (bad key, no such project...).</exception>
    public IAsyncEnumerable<LabelStudioTask> GetAnnotatedTasksAsync(string projectId, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(projectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw new ArgumentException($"The project id must be a positive integer, not '{projectId}'.", nameof(projectId));
        }

        return ListAsync(id, cancellationToken);
    }

    private async IAsyncEnumerable<LabelStudioTask> ListAsync(long projectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new TaskListOptions { ProjectId = projectId, IncludeAnnotations = true, OnlyAnnotated = true, PageSize = _pageSize };
        await foreach (var task in _client.Tasks.ListAsync(options, cancellationToken).ConfigureAwait(false))
        {
            // only_annotated is a server-side filter; a server that ignores it must not hand fit() unlabelled tasks.
            if (task.Annotations.Count > 0)
            {
                yield return task;
            }
        }
    }
}
