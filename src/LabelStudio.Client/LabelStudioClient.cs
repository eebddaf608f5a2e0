using LabelStudio.Client.DataManager;
using LabelStudio.Client.Export;
using LabelStudio.Client.Http;
using LabelStudio.Client.Import;
using LabelStudio.Client.MachineLearning;
using LabelStudio.Client.Organizations;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Storage;
using LabelStudio.Client.Tasks;
using LabelStudio.Client.Tokens;
using LabelStudio.Client.Users;
using LabelStudio.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Client;

/// <summary>
/// The Label Studio REST client. One instance per server and credential; thread-safe; reuse it.
/// With dependency injection use <see cref="LabelStudioServiceCollectionExtensions.AddLabelStudioClient"/>;
/// in scripts, <c>new LabelStudioClient(new LabelStudioClientOptions { ... })</c> (dispose it when done).
/// </summary>
public class LabelStudioClient : IDisposable
{
    private readonly LabelStudioHttp _http = null!;
    private readonly LabelStudioApis _apis = null!;
    private readonly ServiceProvider? _ownedServices;

    /// <summary>For mocking.</summary>
    protected LabelStudioClient()
    {
        Projects = null!;
        Tasks = null!;
        Import = null!;
        Exports = null!;
        DataManager = null!;
        MlBackends = null!;
        Webhooks = null!;
        Users = null!;
        Tokens = null!;
        Organizations = null!;
        ImportStorage = null!;
        ExportStorage = null!;
    }

    /// <summary>Creates a client for scripts: the same pipeline as with DI, owned by this instance.</summary>
    /// <param name="options">Server, key and behaviour; unset URL and key come from <c>LABEL_STUDIO_URL</c> / <c>LABEL_STUDIO_API_KEY</c>.</param>
    public LabelStudioClient(LabelStudioClientOptions options)
        : this(BuildServices(options))
    {
    }

    private LabelStudioClient(ServiceProvider services)
        : this(services.GetRequiredService<LabelStudioHttp>(), services.GetRequiredService<LabelStudioApis>())
    {
        _ownedServices = services;
    }

    internal LabelStudioClient(LabelStudioHttp http, LabelStudioApis apis)
    {
        _http = http;
        _apis = apis;
        Projects = new ProjectsClient(http, apis.Projects);
        Tasks = new TasksClient(http);
        Import = new ImportClient(http, apis.Projects);
        Exports = new ExportClient(http, apis.Projects);
        DataManager = new DataManagerClient(apis.Resources);
        MlBackends = new MlBackendsClient(http, apis.Resources);
        Webhooks = new WebhooksClient(apis.Resources);
        Users = new UsersClient(apis.Resources);
        Tokens = new TokensClient(apis.Resources);
        Organizations = new OrganizationsClient(http, apis.Resources);
        ImportStorage = new StorageClient(http, apis.Storage, isExport: false);
        ExportStorage = new StorageClient(http, apis.Storage, isExport: true);
    }

    /// <summary>The server this client talks to.</summary>
    public virtual Uri BaseUrl => _http.Options.BaseUrl!;

    /// <summary>Projects.</summary>
    public virtual ProjectsClient Projects { get; }

    /// <summary>Tasks: the Data Manager and project task lists (streamed, with annotations and predictions), create, read, update, delete, events.</summary>
    public virtual TasksClient Tasks { get; }

    /// <summary>Task import (JSON, CSV, files, URLs), uploads and reimport.</summary>
    public virtual ImportClient Import { get; }

    /// <summary>Export snapshots.</summary>
    public virtual ExportClient Exports { get; }

    /// <summary>Data Manager views and actions.</summary>
    public virtual DataManagerClient DataManager { get; }

    /// <summary>ML backends.</summary>
    public virtual MlBackendsClient MlBackends { get; }

    /// <summary>Webhooks.</summary>
    public virtual WebhooksClient Webhooks { get; }

    /// <summary>Users and the current user.</summary>
    public virtual UsersClient Users { get; }

    /// <summary>Personal access tokens and JWT settings.</summary>
    public virtual TokensClient Tokens { get; }

    /// <summary>Organizations and members.</summary>
    public virtual OrganizationsClient Organizations { get; }

    /// <summary>Source (import) storages: S3, GCS, Azure, Redis, local files.</summary>
    public virtual StorageClient ImportStorage { get; }

    /// <summary>Target (export) storages: S3, GCS, Azure, Redis, local files.</summary>
    public virtual StorageClient ExportStorage { get; }

    /// <summary>Reads the server's version and edition (no credential needed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    [Operation("api_version_retrieve")]
    public virtual Task<LabelStudioVersion> GetVersionAsync(CancellationToken cancellationToken = default) => _apis.Resources.GetVersionAsync(cancellationToken);

    /// <summary>
    /// Sends any request (e.g. an Enterprise endpoint this client does not wrap) through the same credentials, retries, timeouts
    /// and error mapping. A relative URI is resolved against the server URL (keep its path prefix: write <c>api/...</c>, no leading slash).
    /// A non-success answer throws <see cref="LabelStudioApiException"/>; the caller disposes the returned response.
    /// </summary>
    /// <param name="request">The request (its body is re-sent on a safe retry only if it is not a stream).</param>
    /// <param name="completionOption">Whether to return after the headers (streaming) or after the whole body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    public virtual Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completionOption = HttpCompletionOption.ResponseContentRead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = LabelStudioHttp.Relative(relative.OriginalString);
        }
        else if (request.RequestUri is { IsAbsoluteUri: true } absolute && !IsSameOrigin(absolute))
        {
            // Credentials go only to the configured server.
            throw new ArgumentException($"The request URI must be relative or on {BaseUrl.GetLeftPart(UriPartial.Authority)}.", nameof(request));
        }

        return _http.SendAsync(request, completionOption, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the services a script-created client owns.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedServices?.Dispose();
        }
    }

    internal LabelStudioHttp Http => _http;

    private bool IsSameOrigin(Uri uri) =>
        string.Equals(uri.GetLeftPart(UriPartial.Authority), BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private static ServiceProvider BuildServices(LabelStudioClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var effective = new LabelStudioClientOptions();
        CopyTo(options, effective);
        var problems = effective.WithEnvironmentDefaults().Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Label Studio client options: " + string.Join(" ", problems), nameof(options));
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLabelStudioClient(o => CopyTo(options, o));
        return services.BuildServiceProvider();
    }

    private static void CopyTo(LabelStudioClientOptions source, LabelStudioClientOptions target)
    {
        target.BaseUrl = source.BaseUrl;
        target.ApiKey = source.ApiKey;
        target.AuthenticationMode = source.AuthenticationMode;
        target.TokenRefreshSkew = source.TokenRefreshSkew;
        target.Timeout = source.Timeout;
        target.LongOperationTimeout = source.LongOperationTimeout;
        target.MaxRetries = source.MaxRetries;
        target.RetryBaseDelay = source.RetryBaseDelay;
        target.RetryMaxDelay = source.RetryMaxDelay;
        target.PageSize = source.PageSize;
        target.Polling = source.Polling;
    }
}
