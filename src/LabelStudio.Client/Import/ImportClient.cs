using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LabelStudio.Client.Http;
using LabelStudio.Client.Jobs;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Import;

/// <summary>
/// Task import: JSON or CSV streams, files and URLs, streamed (never buffered whole). Handles both the synchronous
/// Community answer (counts) and the asynchronous answer (<c>{"import": id}</c>, polled until done). Imports are never
/// retried after they reached the server (a replay would duplicate tasks).
/// </summary>
public class ImportClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IProjectsApi _api = null!;

    /// <summary>For mocking.</summary>
    protected ImportClient()
    {
    }

    internal ImportClient(LabelStudioHttp http, IProjectsApi api)
    {
        _http = http;
        _api = api;
    }

    /// <summary>Imports tasks from a JSON stream (an array of tasks or bare data objects), sent as the request body.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="json">The JSON; read once, not disposed.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels the upload and the polling.</param>
    /// <returns>The import outcome.</returns>
    [Operation("api_projects_import_create")]
    public virtual Task<ImportResult> ImportJsonAsync(int projectId, Stream json, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var content = new StreamContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendImportAsync(projectId, content, options, cancellationToken);
    }

    /// <summary>Imports tasks from a CSV (or TSV) stream, uploaded as a file; columns become task data fields.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="csv">The CSV; read once, not disposed.</param>
    /// <param name="fileName">File name; <c>.tsv</c> makes it tab-separated.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels the upload and the polling.</param>
    /// <returns>The import outcome.</returns>
    [Operation("api_projects_import_create")]
    public virtual Task<ImportResult> ImportCsvAsync(int projectId, Stream csv, string fileName = "tasks.csv", ImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportFilesAsync(projectId, [new ImportFile(csv, fileName)], options, cancellationToken);

    /// <summary>Uploads task or media files as one streamed multipart request.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="files">The files (at least one).</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels the upload and the polling.</param>
    /// <returns>The import outcome.</returns>
    [Operation("api_projects_import_create")]
    public virtual Task<ImportResult> ImportFilesAsync(int projectId, IEnumerable<ImportFile> files, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = files.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one file is required.", nameof(files));
        }

        var multipart = new MultipartFormDataContent();
        for (var i = 0; i < list.Count; i++)
        {
            multipart.Add(FilePart(list[i], i == 0 ? "file" : $"file_{i}"));
        }

        return SendImportAsync(projectId, multipart, options, cancellationToken);
    }

    /// <summary>Imports tasks from a URL the server downloads (a task file or a media file).</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="url">The URL.</param>
    /// <param name="options">Import options.</param>
    /// <param name="cancellationToken">Cancels the call and the polling.</param>
    /// <returns>The import outcome.</returns>
    [Operation("api_projects_import_create")]
    public virtual Task<ImportResult> ImportUrlAsync(int projectId, Uri url, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The URL must be absolute.", nameof(url));
        }

        var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("url", url.AbsoluteUri)]);
        return SendImportAsync(projectId, content, options, cancellationToken);
    }

    /// <summary>
    /// Imports task objects (data, and annotations, predictions, meta if set), written with the Formats JSON writer as they are
    /// enumerated. With <see cref="TaskImportOptions.ChunkSize"/> the tasks go in several requests, one after the other, each
    /// waited for (an asynchronous import is polled) before the next is read; <see cref="TaskImportOptions.Progress"/> hears
    /// after each. Each request body is spooled (memory, then a temporary file past 16 MiB) and sent with its length. A
    /// request is never replayed after it reached the server (it would duplicate tasks).
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="tasks">The tasks; enumerated once.</param>
    /// <param name="options">Chunking, progress, task ids, polling.</param>
    /// <param name="cancellationToken">Cancels the import between and during chunks (chunks already accepted stay imported).</param>
    /// <returns>Totals and each chunk's answer.</returns>
    /// <exception cref="LabelStudioImportException">A chunk failed; says which tasks it held and how many earlier chunks imported.</exception>
    [Operation("api_projects_import_create")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The IEnumerable and IAsyncEnumerable overloads ship together; the element type picks one unambiguously.")]
    public virtual async Task<TaskImportResult> ImportTasksAsync(long projectId, IAsyncEnumerable<LabelStudioTask> tasks, TaskImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var chunkSize = CheckChunkSize(options?.ChunkSize);
        var importOptions = new ImportOptions { ReturnTaskIds = options?.ReturnTaskIds == true, Polling = options?.Polling, Timeout = options?.Timeout };
        var answers = new List<ImportResult>();
        var taskIds = new List<long>();
        long sent = 0, created = 0, annotations = 0, predictions = 0;
        var enumerator = tasks.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var more = await enumerator.MoveNextAsync().ConfigureAwait(false);
            while (more)
            {
                using var content = new SpooledContent("application/json");
                long count = 0;
                var writer = new LabelStudioJsonWriter(content.Writer);
                await using (writer.ConfigureAwait(false))
                {
                    while (more && count < chunkSize)
                    {
                        await writer.WriteAsync(enumerator.Current, cancellationToken).ConfigureAwait(false);
                        count++;
                        more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }

                    await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                ImportResult answer;
                try
                {
                    answer = await SendImportAsync(projectId, content, importOptions, cancellationToken, disposeContent: false).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is LabelStudioApiException or LabelStudioJobException or TimeoutException or HttpRequestException or JsonException)
                {
                    throw new LabelStudioImportException("task", answers.Count, sent, sent + count - 1, created, ex);
                }

                sent += count;
                created += answer.TaskCount ?? 0;
                annotations += answer.AnnotationCount ?? 0;
                predictions += answer.PredictionCount ?? 0;
                taskIds.AddRange(answer.TaskIds?.Select(i => (long)i) ?? []);
                answers.Add(answer);
                options?.Progress?.Report(new ImportProgress
                {
                    ItemsSent = sent,
                    ChunksDone = answers.Count,
                    TasksCreated = created,
                    AnnotationsCreated = annotations,
                    PredictionsCreated = predictions,
                });
            }
        }

        return new TaskImportResult
        {
            TasksSent = sent,
            TaskCount = created,
            AnnotationCount = annotations,
            PredictionCount = predictions,
            TaskIds = taskIds,
            Chunks = answers,
        };
    }

    /// <summary>Imports task objects; see <see cref="ImportTasksAsync(long, IAsyncEnumerable{LabelStudioTask}, TaskImportOptions?, CancellationToken)"/>.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="tasks">The tasks; enumerated once.</param>
    /// <param name="options">Chunking, progress, task ids, polling.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>Totals and each chunk's answer.</returns>
    /// <exception cref="LabelStudioImportException">A chunk failed; says which tasks it held and how many earlier chunks imported.</exception>
    [Operation("api_projects_import_create")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The IEnumerable and IAsyncEnumerable overloads ship together; the element type picks one unambiguously.")]
    public virtual Task<TaskImportResult> ImportTasksAsync(long projectId, IEnumerable<LabelStudioTask> tasks, TaskImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return ImportTasksAsync(projectId, AsAsync(tasks), options, cancellationToken);
    }

    /// <summary>
    /// Imports predictions for existing tasks (<c>POST /api/projects/{id}/import/predictions</c>); each needs its
    /// <see cref="Prediction.Task"/>. A prediction without results is sent with <c>"result": []</c>. Chunks as for tasks.
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="predictions">The predictions; enumerated once.</param>
    /// <param name="options">Chunking and progress.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>How many the server created.</returns>
    /// <exception cref="ArgumentException">A prediction has no task id (names its index); nothing of its chunk was sent.</exception>
    /// <exception cref="LabelStudioImportException">A chunk failed; says which predictions it held and how many earlier chunks imported.</exception>
    [Operation("api_projects_import_predictions_create")]
    public virtual async Task<PredictionImportResult> ImportPredictionsAsync(long projectId, IEnumerable<Prediction> predictions, PredictionImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var chunkSize = CheckChunkSize(options?.ChunkSize);
        long sent = 0, created = 0;
        var chunks = 0;
        using var enumerator = predictions.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            using var content = new SpooledContent("application/json");
            long count = 0;
            using (var writer = new Utf8JsonWriter(content.Writer, new JsonWriterOptions { Encoder = LabelStudioJson.Options.Encoder }))
            {
                writer.WriteStartArray();
                while (more && count < chunkSize)
                {
                    var prediction = enumerator.Current ?? throw new ArgumentException($"Prediction {sent + count} is null.", nameof(predictions));
                    if (prediction.Task is null)
                    {
                        throw new ArgumentException($"Prediction {sent + count} has no task id (Prediction.Task); the import needs it to attach the prediction.", nameof(predictions));
                    }

                    writer.WriteRawValue(ModelBodies.WithResult(LabelStudioJson.SerializeToUtf8Bytes(prediction)).ToJsonString(), skipInputValidation: true);
                    count++;
                    more = enumerator.MoveNext();
                    if (writer.BytesPending > 65536)
                    {
                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                writer.WriteEndArray();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, LabelStudioHttp.Relative(string.Create(CultureInfo.InvariantCulture, $"api/projects/{projectId}/import/predictions"))) { Content = content };
            request.Options.Set(RequestReplay.TimeoutKey, options?.Timeout ?? _http.Options.LongOperationTimeout);
            long answer;
            try
            {
                answer = await ModelBodies.SendAsync(_http, request, ReadCreated, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LabelStudioApiException or TimeoutException or HttpRequestException)
            {
                throw new LabelStudioImportException("prediction", chunks, sent, sent + count - 1, created, ex);
            }

            sent += count;
            created += answer;
            chunks++;
            options?.Progress?.Report(new ImportProgress { ItemsSent = sent, ChunksDone = chunks, PredictionsCreated = created });
        }

        return new PredictionImportResult { PredictionsSent = sent, Created = created, Chunks = chunks };
    }

    /// <summary>Reads the state of an asynchronous import.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="importId">Import id from the asynchronous answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The import.</returns>
    [Operation("api_projects_imports_retrieve")]
    public virtual Task<ImportResult> GetImportAsync(int projectId, int importId, CancellationToken cancellationToken = default) =>
        _api.GetImportAsync(projectId, importId, cancellationToken);

    /// <summary>Turns files uploaded earlier (with <c>CommitToProject = false</c>) into tasks. Not in the spec; served by Label Studio.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="fileUploadIds">The uploaded file ids.</param>
    /// <param name="filesAsTasksList">Treat CSV/TSV/TXT files as task lists.</param>
    /// <param name="options">Polling and timeout (the query flags do not apply).</param>
    /// <param name="cancellationToken">Cancels the call and the polling.</param>
    /// <returns>The import outcome.</returns>
    public virtual async Task<ImportResult> ReimportAsync(int projectId, IEnumerable<int> fileUploadIds, bool filesAsTasksList = false, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileUploadIds);
        var body = new ReimportRequest { FileUploadIds = [.. fileUploadIds], FilesAsTasksList = filesAsTasksList };
        using var request = new HttpRequestMessage(HttpMethod.Post, LabelStudioHttp.Relative($"api/projects/{projectId}/reimport"))
        {
            Content = JsonContent.Create(body, LabelStudioJsonContext.Default.ReimportRequest),
        };
        request.Options.Set(RequestReplay.TimeoutKey, options?.Timeout ?? _http.Options.LongOperationTimeout);
        return await ReadImportAnswerAsync(projectId, request, options, "reimports", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the files uploaded to a project.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The uploads.</returns>
    [Operation("api_projects_file_uploads_list")]
    public virtual async Task<IReadOnlyList<FileUpload>> ListFileUploadsAsync(int projectId, CancellationToken cancellationToken = default) =>
        await _api.ListFileUploadsAsync(projectId, true, null, cancellationToken).ConfigureAwait(false) ?? [];

    /// <summary>Deletes the project's uploaded files (not the tasks made from them).</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_projects_file_uploads_destroy")]
    public virtual Task DeleteFileUploadsAsync(int projectId, CancellationToken cancellationToken = default) =>
        _api.DeleteFileUploadsAsync(projectId, cancellationToken);

    /// <summary>Reads an uploaded file's record.</summary>
    /// <param name="fileUploadId">Upload id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The upload.</returns>
    [Operation("api_import_file_upload_retrieve")]
    public virtual Task<FileUpload> GetFileUploadAsync(int fileUploadId, CancellationToken cancellationToken = default) =>
        _api.GetFileUploadAsync(fileUploadId, cancellationToken);

    /// <summary>Replaces the content of an uploaded file (streamed multipart).</summary>
    /// <param name="fileUploadId">Upload id.</param>
    /// <param name="file">The new content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated upload.</returns>
    [Operation("api_import_file_upload_partial_update")]
    public virtual async Task<FileUpload> UpdateFileUploadAsync(int fileUploadId, ImportFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var multipart = new MultipartFormDataContent();
        multipart.Add(FilePart(file, "file"));
        using var request = new HttpRequestMessage(HttpMethod.Patch, LabelStudioHttp.Relative($"api/import/file-upload/{fileUploadId}")) { Content = multipart };
        request.Options.Set(RequestReplay.StreamedBodyKey, true);
        request.Options.Set(RequestReplay.TimeoutKey, _http.Options.LongOperationTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(LabelStudioJsonContext.Default.FileUpload, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("The server answered an empty file upload.");
    }

    /// <summary>Deletes an uploaded file.</summary>
    /// <param name="fileUploadId">Upload id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_import_file_upload_destroy")]
    public virtual Task DeleteFileUploadAsync(int fileUploadId, CancellationToken cancellationToken = default) =>
        _api.DeleteFileUploadAsync(fileUploadId, cancellationToken);

    /// <summary>Downloads an uploaded file (<c>/data/upload/&lt;name&gt;</c>) into a stream.</summary>
    /// <param name="fileName">The upload's file name, e.g. <c>1/abc123-image.png</c>.</param>
    /// <param name="destination">Where the bytes go (not disposed).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    [Operation("data_upload_retrieve")]
    public virtual async Task<long> DownloadFileAsync(string fileName, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(destination);
        var segments = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is "." or ".."))
        {
            throw new ArgumentException("The file name must not contain '.' or '..' segments.", nameof(fileName));
        }

        var path = "data/upload/" + string.Join('/', segments.Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(path));
        request.Options.Set(RequestReplay.TimeoutKey, _http.Options.LongOperationTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await Streams.CopyAsync(response.Content, destination, cancellationToken).ConfigureAwait(false);
    }

    private static StreamContent FilePart(ImportFile file, string field)
    {
        // Quoted name and filename (RFC 7578); filename* only when the name is not ASCII, as some multipart parsers reject it.
        var part = new StreamContent(file.Content);
        part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(field), FileName = Quote(file.FileName) };
        if (!Ascii.IsValid(file.FileName))
        {
            disposition.FileNameStar = file.FileName;
        }

        part.Headers.ContentDisposition = disposition;
        return part;
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static long CheckChunkSize(int? chunkSize)
    {
        if (chunkSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, "ChunkSize");
            return size;
        }

        return long.MaxValue;
    }

    private static async IAsyncEnumerable<T> AsAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static long ReadCreated(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("created", out var created) && created.TryGetInt64(out var value)
            ? value
            : throw new JsonException("Expected {\"created\": n}.");
    }

    private async Task<ImportResult> SendImportAsync(long projectId, HttpContent content, ImportOptions? options, CancellationToken cancellationToken, bool disposeContent = true)
    {
        using (disposeContent ? content : null)
        {
            var query = new StringBuilder($"api/projects/{projectId}/import");
            var separator = '?';
            if (options?.CommitToProject is { } commit)
            {
                query.Append(separator).Append("commit_to_project=").Append(commit ? "true" : "false");
                separator = '&';
            }

            if (options?.ReturnTaskIds == true)
            {
                query.Append(separator).Append("return_task_ids=true");
                separator = '&';
            }

            if (options?.PreannotatedFromFields is { } fields)
            {
                foreach (var field in fields)
                {
                    query.Append(separator).Append("preannotated_from_fields=").Append(Uri.EscapeDataString(field));
                    separator = '&';
                }
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, LabelStudioHttp.Relative(query.ToString())) { Content = content };
            request.Options.Set(RequestReplay.StreamedBodyKey, content is not FormUrlEncodedContent);
            request.Options.Set(RequestReplay.TimeoutKey, options?.Timeout ?? _http.Options.LongOperationTimeout);
            return await ReadImportAnswerAsync(projectId, request, options, "imports", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ImportResult> ReadImportAnswerAsync(long projectId, HttpRequestMessage request, ImportOptions? options, string statusPath, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var asyncId = root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("import", out var id) || root.TryGetProperty("reimport", out id))
            && id.ValueKind == JsonValueKind.Number ? id.GetInt32() : (int?)null;
        if (asyncId is null)
        {
            return root.Deserialize(LabelStudioJsonContext.Default.ImportResult) ?? new ImportResult();
        }

        var started = new ImportResult { Id = asyncId, Status = JobStatus.Created };
        if (options?.WaitForCompletion == false)
        {
            return started;
        }

        var job = $"import {asyncId} of project {projectId}";
        var final = await JobPoller.PollAsync(
            job,
            started,
            ct => GetImportStatusAsync(projectId, statusPath, asyncId.Value, ct),
            r => JobPoller.IsFinal(r.Status),
            options?.Polling ?? _http.Options.Polling,
            _http.TimeProvider,
            options?.Progress,
            cancellationToken).ConfigureAwait(false);
        if (final.Status == JobStatus.Failed)
        {
            throw new LabelStudioJobException(job, JobStatus.Failed, final.Error);
        }

        return final;
    }

    private async Task<ImportResult> GetImportStatusAsync(long projectId, string statusPath, int importId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(string.Create(CultureInfo.InvariantCulture, $"api/projects/{projectId}/{statusPath}/{importId}/")));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(LabelStudioJsonContext.Default.ImportResult, cancellationToken).ConfigureAwait(false) ?? new ImportResult();
    }
}
