using LabelStudio.Client.Http;
using LabelStudio.Client.Jobs;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.Storage;

/// <summary>
/// Storage connections of one side (import: source storages; export: target storages) for the five community families,
/// chosen by <see cref="StorageKind"/>. <see cref="SyncAndWaitAsync"/> starts a sync and polls until it finishes.
/// </summary>
public class StorageClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IStorageApi _api = null!;

    /// <summary>For mocking.</summary>
    protected StorageClient()
    {
    }

    internal StorageClient(LabelStudioHttp http, IStorageApi api, bool isExport)
    {
        _http = http;
        _api = api;
        IsExport = isExport;
    }

    /// <summary>True for export (target) storages, false for import (source) storages.</summary>
    public bool IsExport { get; }

    /// <summary>Lists a project's storages of one kind.</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="projectId">Project id.</param>
    /// <returns>The storages.</returns>
    [Operation("api_storages_s3_list")]
    [Operation("api_storages_gcs_list")]
    [Operation("api_storages_azure_list")]
    [Operation("api_storages_redis_list")]
    [Operation("api_storages_localfiles_list")]
    [Operation("api_storages_export_s3_list")]
    [Operation("api_storages_export_gcs_list")]
    [Operation("api_storages_export_azure_list")]
    [Operation("api_storages_export_redis_list")]
    [Operation("api_storages_export_localfiles_list")]
    public virtual LabelStudioPageable<StorageConnection> List(StorageKind kind, int projectId) =>
        Pageables.Single(ct => IsExport ? _api.ListExportAsync(Kind(kind), projectId, ct) : _api.ListImportAsync(Kind(kind), projectId, ct));

    /// <summary>Creates a storage connection. Not retried.</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="storage">Project and location at least; credentials in AdditionalProperties.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The storage.</returns>
    [Operation("api_storages_s3_create")]
    [Operation("api_storages_gcs_create")]
    [Operation("api_storages_azure_create")]
    [Operation("api_storages_redis_create")]
    [Operation("api_storages_localfiles_create")]
    [Operation("api_storages_export_s3_create")]
    [Operation("api_storages_export_gcs_create")]
    [Operation("api_storages_export_azure_create")]
    [Operation("api_storages_export_redis_create")]
    [Operation("api_storages_export_localfiles_create")]
    public virtual Task<StorageConnection> CreateAsync(StorageKind kind, StorageRequest storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return IsExport ? _api.CreateExportAsync(Kind(kind), storage, cancellationToken) : _api.CreateImportAsync(Kind(kind), storage, cancellationToken);
    }

    /// <summary>Checks that the server can reach a storage with these settings; throws <see cref="LabelStudioValidationException"/> when not.</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="storage">The settings to check.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when valid.</returns>
    [Operation("api_storages_s3_validate_create")]
    [Operation("api_storages_gcs_validate_create")]
    [Operation("api_storages_azure_validate_create")]
    [Operation("api_storages_redis_validate_create")]
    [Operation("api_storages_localfiles_validate_create")]
    [Operation("api_storages_export_s3_validate_create")]
    [Operation("api_storages_export_gcs_validate_create")]
    [Operation("api_storages_export_azure_validate_create")]
    [Operation("api_storages_export_redis_validate_create")]
    [Operation("api_storages_export_localfiles_validate_create")]
    public virtual Task ValidateAsync(StorageKind kind, StorageRequest storage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return IsExport ? _api.ValidateExportAsync(Kind(kind), storage, true, cancellationToken) : _api.ValidateImportAsync(Kind(kind), storage, true, cancellationToken);
    }

    /// <summary>Reads a storage (its status shows the last sync).</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="id">Storage id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The storage.</returns>
    [Operation("api_storages_s3_retrieve")]
    [Operation("api_storages_gcs_retrieve")]
    [Operation("api_storages_azure_retrieve")]
    [Operation("api_storages_redis_retrieve")]
    [Operation("api_storages_localfiles_retrieve")]
    [Operation("api_storages_export_s3_retrieve")]
    [Operation("api_storages_export_gcs_retrieve")]
    [Operation("api_storages_export_azure_retrieve")]
    [Operation("api_storages_export_redis_retrieve")]
    [Operation("api_storages_export_localfiles_retrieve")]
    public virtual Task<StorageConnection> GetAsync(StorageKind kind, int id, CancellationToken cancellationToken = default) =>
        IsExport ? _api.GetExportAsync(Kind(kind), id, cancellationToken) : _api.GetImportAsync(Kind(kind), id, cancellationToken);

    /// <summary>Updates the fields set in <paramref name="changes"/>.</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="id">Storage id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The storage.</returns>
    [Operation("api_storages_s3_partial_update")]
    [Operation("api_storages_gcs_partial_update")]
    [Operation("api_storages_azure_partial_update")]
    [Operation("api_storages_redis_partial_update")]
    [Operation("api_storages_localfiles_partial_update")]
    [Operation("api_storages_export_s3_partial_update")]
    [Operation("api_storages_export_gcs_partial_update")]
    [Operation("api_storages_export_azure_partial_update")]
    [Operation("api_storages_export_redis_partial_update")]
    [Operation("api_storages_export_localfiles_partial_update")]
    public virtual Task<StorageConnection> UpdateAsync(StorageKind kind, int id, StorageRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return IsExport ? _api.UpdateExportAsync(Kind(kind), id, changes, cancellationToken) : _api.UpdateImportAsync(Kind(kind), id, changes, cancellationToken);
    }

    /// <summary>Deletes a storage connection (not the data in it).</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="id">Storage id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_storages_s3_destroy")]
    [Operation("api_storages_gcs_destroy")]
    [Operation("api_storages_azure_destroy")]
    [Operation("api_storages_redis_destroy")]
    [Operation("api_storages_localfiles_destroy")]
    [Operation("api_storages_export_s3_destroy")]
    [Operation("api_storages_export_gcs_destroy")]
    [Operation("api_storages_export_azure_destroy")]
    [Operation("api_storages_export_redis_destroy")]
    [Operation("api_storages_export_localfiles_destroy")]
    public virtual Task DeleteAsync(StorageKind kind, int id, CancellationToken cancellationToken = default) =>
        IsExport ? _api.DeleteExportAsync(Kind(kind), id, cancellationToken) : _api.DeleteImportAsync(Kind(kind), id, cancellationToken);

    /// <summary>Starts a sync and returns the storage at once (the job may still run). Not retried (a replay starts another job).</summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="id">Storage id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The storage as the sync started.</returns>
    [Operation("api_storages_s3_sync_create")]
    [Operation("api_storages_gcs_sync_create")]
    [Operation("api_storages_azure_sync_create")]
    [Operation("api_storages_redis_sync_create")]
    [Operation("api_storages_localfiles_sync_create")]
    [Operation("api_storages_export_s3_sync_create")]
    [Operation("api_storages_export_gcs_sync_create")]
    [Operation("api_storages_export_azure_sync_create")]
    [Operation("api_storages_export_redis_sync_create")]
    [Operation("api_storages_export_localfiles_sync_create")]
    public virtual Task<StorageConnection> SyncAsync(StorageKind kind, int id, CancellationToken cancellationToken = default) =>
        IsExport ? _api.SyncExportAsync(Kind(kind), id, _http.Options.LongOperationTimeout, cancellationToken) : _api.SyncImportAsync(Kind(kind), id, _http.Options.LongOperationTimeout, cancellationToken);

    /// <summary>
    /// Starts a sync and polls the storage until its status is completed, completed_with_errors or failed.
    /// Throws <see cref="LabelStudioJobException"/> (with the server traceback) when it failed.
    /// </summary>
    /// <param name="kind">Storage kind.</param>
    /// <param name="id">Storage id.</param>
    /// <param name="polling">Polling (defaults to the client's).</param>
    /// <param name="progress">Receives the storage after each poll.</param>
    /// <param name="cancellationToken">Cancels the call and the polling.</param>
    /// <returns>The storage after the sync.</returns>
    public virtual async Task<StorageConnection> SyncAndWaitAsync(StorageKind kind, int id, PollingOptions? polling = null, IProgress<StorageConnection>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = await SyncAsync(kind, id, cancellationToken).ConfigureAwait(false);
        var job = $"{(IsExport ? "export" : "import")} storage sync of {kind} storage {id}";
        var done = await JobPoller.PollAsync(job, started, ct => GetAsync(kind, id, ct), s => JobPoller.IsFinal(s.Status), polling ?? _http.Options.Polling, _http.TimeProvider, progress, cancellationToken).ConfigureAwait(false);
        if (done.Status == JobStatus.Failed)
        {
            throw new LabelStudioJobException(job, JobStatus.Failed, done.Traceback);
        }

        return done;
    }

    /// <summary>Lists the storage types this server supports on this side.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The types.</returns>
    [Operation("api_storages_types_retrieve")]
    [Operation("api_storages_export_types_retrieve")]
    public virtual async Task<IReadOnlyList<StorageType>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        await (IsExport ? _api.ListExportTypesAsync(cancellationToken) : _api.ListImportTypesAsync(cancellationToken)).ConfigureAwait(false) ?? [];

    private static string Kind(StorageKind kind)
    {
        var value = kind.Value;
        if (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'))
        {
            throw new ArgumentException($"'{value}' is not a storage kind (letters, digits, '-' and '_' only).", nameof(kind));
        }

        return value;
    }
}
