using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Client.Http;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Annotations;

/// <summary>
/// Annotations: list per task, create, read, update, delete, bulk create and bulk delete, with the Formats
/// <see cref="Annotation"/> model (typed results; members this version does not model are kept).
/// </summary>
public class AnnotationsClient
{
    /// <summary>Label Studio deletes at most this many annotations per bulk-delete request; larger sets are sent in batches.</summary>
    public const int BulkDeleteBatchSize = 100;

    private readonly LabelStudioHttp _http = null!;

    /// <summary>For mocking.</summary>
    protected AnnotationsClient()
    {
    }

    internal AnnotationsClient(LabelStudioHttp http)
    {
        _http = http;
    }

    /// <summary>Lists the annotations of a task.</summary>
    /// <param name="taskId">Task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotations.</returns>
    [Operation("api_tasks_annotations_list")]
    public virtual async Task<IReadOnlyList<Annotation>> ListAsync(long taskId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path($"api/tasks/{taskId}/annotations/"));
        return await ModelBodies.SendAsync(_http, request, b => ModelBodies.ReadArray(b, e => LabelStudioJson.DeserializeAnnotation(e), "annotation"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates an annotation on a task (its results, and e.g. lead time, ground truth, was-cancelled if set). An annotation
    /// without results is sent with <c>"result": []</c>. Not retried after it reached the server (a replay would create a second one).
    /// </summary>
    /// <param name="taskId">Task id.</param>
    /// <param name="annotation">The annotation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created annotation.</returns>
    [Operation("api_tasks_annotations_create")]
    public virtual async Task<Annotation> CreateAsync(long taskId, Annotation annotation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        using var request = new HttpRequestMessage(HttpMethod.Post, Path($"api/tasks/{taskId}/annotations/"))
        {
            Content = ModelBodies.Json(ModelBodies.WithResult(LabelStudioJson.SerializeToUtf8Bytes(annotation))),
        };
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializeAnnotation(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an annotation.</summary>
    /// <param name="id">Annotation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The annotation.</returns>
    [Operation("api_annotations_retrieve")]
    public virtual async Task<Annotation> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path($"api/annotations/{id}/"));
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializeAnnotation(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates an annotation: the members of <paramref name="changes"/> that hold something (or were present when read) are sent.</summary>
    /// <param name="id">Annotation id.</param>
    /// <param name="changes">The members to change, e.g. <c>new Annotation { Results = newResults }</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated annotation.</returns>
    [Operation("api_annotations_partial_update")]
    public virtual async Task<Annotation> UpdateAsync(long id, Annotation changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var request = new HttpRequestMessage(HttpMethod.Patch, Path($"api/annotations/{id}/"))
        {
            Content = ModelBodies.Json(LabelStudioJson.SerializeToUtf8Bytes(changes)),
        };
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializeAnnotation(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an annotation.</summary>
    /// <param name="id">Annotation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_annotations_destroy")]
    public virtual async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path($"api/annotations/{id}/"));
        await ModelBodies.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the same annotation on each of the given tasks in one request (<c>POST /api/annotations/bulk/</c>). Not retried
    /// after it reached the server.
    /// </summary>
    /// <param name="taskIds">The tasks (at least one).</param>
    /// <param name="annotation">The annotation to add to each task.</param>
    /// <param name="projectId">Project of the tasks, if the server should check it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the created annotations.</returns>
    [Operation("api_annotations_bulk_create")]
    public virtual async Task<IReadOnlyList<long>> CreateBulkAsync(IEnumerable<long> taskIds, Annotation annotation, long? projectId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        ArgumentNullException.ThrowIfNull(annotation);
        var ids = taskIds.ToList();
        if (ids.Count == 0)
        {
            throw new ArgumentException("At least one task id is required.", nameof(taskIds));
        }

        var body = ModelBodies.WithResult(LabelStudioJson.SerializeToUtf8Bytes(annotation));
        body["tasks"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]);
        if (projectId is { } project)
        {
            body["project"] = project;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Path("api/annotations/bulk/")) { Content = ModelBodies.Json(body) };
        return await ModelBodies.SendAsync(_http, request, ReadIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes annotations by id (<c>POST /api/annotations/bulk-delete/</c>), in batches of <see cref="BulkDeleteBatchSize"/>.
    /// A batch may be retried on a transient failure (deleting the same ids twice deletes nothing more).
    /// </summary>
    /// <param name="projectId">Project of the annotations.</param>
    /// <param name="annotationIds">The annotations (at least one).</param>
    /// <param name="cancellationToken">Cancels between and during batches; batches already sent stay deleted.</param>
    /// <returns>The number of annotations the server reports deleted.</returns>
    /// <exception cref="LabelStudioBulkDeleteException">A batch failed (its cause is the inner exception); the exception
    /// says how many annotations the earlier batches deleted and which ids the failed batch held.</exception>
    [Operation("api_annotations_bulk_delete_create")]
    public virtual async Task<long> DeleteBulkAsync(long projectId, IEnumerable<long> annotationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotationIds);
        var ids = annotationIds.ToList();
        if (ids.Count == 0)
        {
            throw new ArgumentException("At least one annotation id is required.", nameof(annotationIds));
        }

        long deleted = 0;
        var batchIndex = 0;
        foreach (var batch in ids.Chunk(BulkDeleteBatchSize))
        {
            var body = new JsonObject { ["ids"] = new JsonArray([.. batch.Select(i => (JsonNode)i)]), ["project"] = projectId };
            using var request = new HttpRequestMessage(HttpMethod.Post, Path("api/annotations/bulk-delete/")) { Content = ModelBodies.Json(body) };
            request.Options.Set(RequestReplay.IdempotentKey, true);
            try
            {
                deleted += await ModelBodies.SendAsync(_http, request, ReadDeletedCount, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LabelStudioApiException or TimeoutException or HttpRequestException or JsonException)
            {
                var first = (long)batchIndex * BulkDeleteBatchSize;
                throw new LabelStudioBulkDeleteException("annotation", batchIndex, first, first + batch.Length - 1, deleted, ex);
            }

            batchIndex++;
        }

        return deleted;
    }

    private static IReadOnlyList<long> ReadIds(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("Expected an array of {\"id\": n} objects.");
        }

        return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.TryGetInt64(out var value)
            ? value
            : throw new JsonException("Expected an array of {\"id\": n} objects."))];
    }

    private static long ReadDeletedCount(byte[] utf8)
    {
        if (utf8.Length == 0)
        {
            return 0;
        }

        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("deleted_count", out var count) && count.TryGetInt64(out var value)
            ? value
            : 0;
    }

    private static Uri Path(FormattableString path) => LabelStudioHttp.Relative(path.ToString(CultureInfo.InvariantCulture));

    private static Uri Path(string path) => LabelStudioHttp.Relative(path);
}
