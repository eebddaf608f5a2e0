using LabelStudio.Formats.Conversion;
using System.Globalization;
using System.Runtime.CompilerServices;
using LabelStudio.Client.Http;
using LabelStudio.Client.Jobs;
using LabelStudio.Client.Paging;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>Export snapshots: create, poll, convert, download (streamed) and delete, plus the one-call <see cref="ExportAsync"/>.</summary>
public class ExportClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IProjectsApi _api = null!;

    /// <summary>For mocking.</summary>
    protected ExportClient()
    {
    }

    internal ExportClient(LabelStudioHttp http, IProjectsApi api)
    {
        _http = http;
        _api = api;
    }

    /// <summary>Lists a project's snapshots.</summary>
    /// <param name="projectId">Project id.</param>
    /// <returns>The snapshots.</returns>
    [Operation("api_projects_exports_list")]
    public virtual LabelStudioPageable<ExportSnapshot> List(int projectId) =>
        Pageables.Single(ct => _api.ListExportsAsync(projectId, null, ct));

    /// <summary>Creates a snapshot. On Community without a worker the server builds it inside this call, hence the long timeout; not retried.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="request">What to include (null: everything).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot (its status may still be created or in_progress).</returns>
    [Operation("api_projects_exports_create")]
    public virtual Task<ExportSnapshot> CreateAsync(int projectId, ExportSnapshotRequest? request = null, CancellationToken cancellationToken = default) =>
        _api.CreateExportAsync(projectId, request ?? new ExportSnapshotRequest(), _http.Options.LongOperationTimeout, cancellationToken);

    /// <summary>Reads a snapshot.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    [Operation("api_projects_exports_retrieve")]
    public virtual Task<ExportSnapshot> GetAsync(int projectId, int exportId, CancellationToken cancellationToken = default) =>
        _api.GetExportAsync(projectId, exportId, cancellationToken);

    /// <summary>Deletes a snapshot.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_projects_exports_destroy")]
    public virtual Task DeleteAsync(int projectId, int exportId, CancellationToken cancellationToken = default) =>
        _api.DeleteExportAsync(projectId, exportId, cancellationToken);

    /// <summary>Starts converting a snapshot to another format; poll with <see cref="WaitForConversionAsync"/>.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="format">Target format.</param>
    /// <param name="downloadResources">Include media files (server-side download).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversion id and format.</returns>
    [Operation("api_projects_exports_convert_create")]
    public virtual Task<ExportConversion> ConvertAsync(int projectId, int exportId, ExportFormat format, bool? downloadResources = null, CancellationToken cancellationToken = default) =>
        _api.ConvertExportAsync(projectId, exportId, new ExportConvertRequest { ExportType = format, DownloadResources = downloadResources }, cancellationToken);

    /// <summary>Polls a snapshot until it is completed; throws <see cref="LabelStudioJobException"/> if it failed.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="polling">Polling (defaults to the client's).</param>
    /// <param name="cancellationToken">Cancels the polling.</param>
    /// <returns>The completed snapshot.</returns>
    public virtual async Task<ExportSnapshot> WaitForCompletionAsync(int projectId, int exportId, PollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        var job = $"export snapshot {exportId} of project {projectId}";
        var first = await GetAsync(projectId, exportId, cancellationToken).ConfigureAwait(false);
        var done = await JobPoller.PollAsync(job, first, ct => GetAsync(projectId, exportId, ct), s => JobPoller.IsFinal(s.Status), polling ?? _http.Options.Polling, _http.TimeProvider, null, cancellationToken).ConfigureAwait(false);
        if (done.Status != JobStatus.Completed)
        {
            throw new LabelStudioJobException(job, done.Status ?? JobStatus.Failed, null);
        }

        return done;
    }

    /// <summary>Polls a snapshot until the given conversion is completed; throws <see cref="LabelStudioJobException"/> with the traceback if it failed.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="conversionId">The id from <see cref="ConvertAsync"/>.</param>
    /// <param name="polling">Polling (defaults to the client's).</param>
    /// <param name="cancellationToken">Cancels the polling.</param>
    /// <returns>The completed conversion.</returns>
    public virtual async Task<ConvertedFormat> WaitForConversionAsync(int projectId, int exportId, int conversionId, PollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        var job = $"conversion {conversionId} of export snapshot {exportId} (project {projectId})";
        var first = await GetAsync(projectId, exportId, cancellationToken).ConfigureAwait(false);
        var done = await JobPoller.PollAsync(
            job,
            first,
            ct => GetAsync(projectId, exportId, ct),
            s => JobPoller.IsFinal(Find(s, conversionId)?.Status),
            polling ?? _http.Options.Polling,
            _http.TimeProvider,
            null,
            cancellationToken).ConfigureAwait(false);
        var conversion = Find(done, conversionId)!;
        if (conversion.Status != JobStatus.Completed)
        {
            throw new LabelStudioJobException(job, conversion.Status ?? JobStatus.Failed, conversion.Traceback);
        }

        return conversion;
    }

    /// <summary>Streams a snapshot file (JSON, or a converted format) into <paramref name="destination"/> without buffering it.</summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id.</param>
    /// <param name="destination">Where the bytes go (not disposed).</param>
    /// <param name="format">The converted format to download (null: the snapshot's JSON).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The server's file name and the bytes written.</returns>
    [Operation("api_projects_exports_download_retrieve")]
    public virtual async Task<ExportDownload> DownloadAsync(int projectId, int exportId, Stream destination, ExportFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = string.Create(CultureInfo.InvariantCulture, $"api/projects/{projectId}/exports/{exportId}/download");
        if (format is { } f)
        {
            // The server's query name is camelCase here, unlike everywhere else.
            path += "?exportType=" + Uri.EscapeDataString(f.Name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(path));
        request.Options.Set(RequestReplay.TimeoutKey, _http.Options.LongOperationTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        var bytes = await Streams.CopyAsync(response.Content, destination, cancellationToken).ConfigureAwait(false);
        return new ExportDownload(name, bytes, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// The whole export in one call: create a snapshot, wait for it, convert when the format is not JSON, wait, and stream the file
    /// into <paramref name="destination"/>. Works on every edition (snapshots, not the deprecated synchronous export).
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="format">The format (JSON needs no conversion).</param>
    /// <param name="destination">Where the bytes go (not disposed).</param>
    /// <param name="request">What to include (null: everything).</param>
    /// <param name="polling">Polling (defaults to the client's).</param>
    /// <param name="cancellationToken">Cancels every step.</param>
    /// <returns>The download's file name and size.</returns>
    public virtual async Task<ExportDownload> ExportAsync(int projectId, ExportFormat format, Stream destination, ExportSnapshotRequest? request = null, PollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var snapshot = await CreateAsync(projectId, request, cancellationToken).ConfigureAwait(false);
        var id = snapshot.Id ?? throw new LabelStudioApiException("The server created an export snapshot without an id.");
        if (snapshot.Status != JobStatus.Completed)
        {
            await WaitForCompletionAsync(projectId, id, polling, cancellationToken).ConfigureAwait(false);
        }

        if (format == ExportFormat.Json)
        {
            return await DownloadAsync(projectId, id, destination, null, cancellationToken).ConfigureAwait(false);
        }

        var conversion = await ConvertAsync(projectId, id, format, null, cancellationToken).ConfigureAwait(false);
        if (conversion.ConvertedFormat is { } conversionId)
        {
            await WaitForConversionAsync(projectId, id, conversionId, polling, cancellationToken).ConfigureAwait(false);
        }

        return await DownloadAsync(projectId, id, destination, format, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a finished snapshot's JSON as tasks, streaming the download through the Formats reader: one task at a time in
    /// memory however large the export.
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="exportId">Snapshot id (completed).</param>
    /// <param name="readerOptions">Limits of the JSON reader (null: defaults).</param>
    /// <param name="cancellationToken">Cancels the download and the read.</param>
    /// <returns>The tasks in file order.</returns>
    /// <exception cref="LabelStudioJsonException">The download is not a JSON export or is cut short; names the task index and byte offset.</exception>
    [Operation("api_projects_exports_download_retrieve")]
    public virtual IAsyncEnumerable<LabelStudioTask> ReadTasksAsync(int projectId, int exportId, LabelStudioJsonReaderOptions? readerOptions = null, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(projectId, exportId, readerOptions, cancellationToken);

    /// <summary>
    /// The whole export as tasks in one call: create a JSON snapshot, wait for it, and stream it through the Formats reader
    /// (see <see cref="ReadTasksAsync"/>). Nothing happens until the enumeration starts.
    /// </summary>
    /// <param name="projectId">Project id.</param>
    /// <param name="options">What to include, polling, reader limits, whether to delete the snapshot afterwards.</param>
    /// <param name="cancellationToken">Cancels every step.</param>
    /// <returns>The tasks in file order.</returns>
    public virtual async IAsyncEnumerable<LabelStudioTask> ExportTasksAsync(int projectId, ExportReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var snapshot = await CreateAsync(projectId, options?.Snapshot, cancellationToken).ConfigureAwait(false);
        var id = snapshot.Id ?? throw new LabelStudioApiException("The server created an export snapshot without an id.");
        if (snapshot.Status != JobStatus.Completed)
        {
            await WaitForCompletionAsync(projectId, id, options?.Polling, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var task in ReadCoreAsync(projectId, id, options?.Reader, cancellationToken).ConfigureAwait(false))
        {
            yield return task;
        }

        if (options?.DeleteSnapshot == true)
        {
            await DeleteAsync(projectId, id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<LabelStudioTask> ReadCoreAsync(int projectId, int exportId, LabelStudioJsonReaderOptions? readerOptions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/projects/{projectId}/exports/{exportId}/download");
        using var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(path));
        request.Options.Set(RequestReplay.TimeoutKey, _http.Options.LongOperationTimeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var task in LabelStudioJson.ReadTasksAsync(stream, readerOptions, cancellationToken).ConfigureAwait(false))
            {
                yield return task;
            }
        }
    }

    private static ConvertedFormat? Find(ExportSnapshot snapshot, int conversionId) =>
        snapshot.ConvertedFormats?.FirstOrDefault(c => c.Id == conversionId);
}
