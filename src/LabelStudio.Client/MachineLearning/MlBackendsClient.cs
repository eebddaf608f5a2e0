using System.Text.Json;
using LabelStudio.Client.Http;
using LabelStudio.Client.Paging;

namespace LabelStudio.Client.MachineLearning;

/// <summary>ML backends: connect, list, update, train, test-predict, interactive pre-annotation, model versions.</summary>
public class MlBackendsClient
{
    private readonly LabelStudioHttp _http = null!;
    private readonly IResourcesApi _api = null!;

    /// <summary>For mocking.</summary>
    protected MlBackendsClient()
    {
    }

    internal MlBackendsClient(LabelStudioHttp http, IResourcesApi api)
    {
        _http = http;
        _api = api;
    }

    /// <summary>Lists ML backends.</summary>
    /// <param name="projectId">Only this project's (null: all).</param>
    /// <param name="isInteractive">Only interactive (true) or non-interactive (false) backends.</param>
    /// <returns>The backends.</returns>
    [Operation("api_ml_list")]
    public virtual LabelStudioPageable<MlBackend> List(int? projectId = null, bool? isInteractive = null) =>
        Pageables.Single(ct => _api.ListMlBackendsAsync(projectId, isInteractive, ct));

    /// <summary>Connects an ML backend to a project (the server calls its /setup and /health).</summary>
    /// <param name="backend">Project and URL at least.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The backend.</returns>
    [Operation("api_ml_create")]
    public virtual Task<MlBackend> CreateAsync(MlBackendRequest backend, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return _api.CreateMlBackendAsync(backend, cancellationToken);
    }

    /// <summary>Reads an ML backend (its <see cref="MlBackend.State"/> shows training progress).</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The backend.</returns>
    [Operation("api_ml_retrieve")]
    public virtual Task<MlBackend> GetAsync(int id, CancellationToken cancellationToken = default) => _api.GetMlBackendAsync(id, cancellationToken);

    /// <summary>Updates the fields set in <paramref name="changes"/>.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="changes">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The backend.</returns>
    [Operation("api_ml_partial_update")]
    public virtual Task<MlBackend> UpdateAsync(int id, MlBackendRequest changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return _api.UpdateMlBackendAsync(id, changes, cancellationToken);
    }

    /// <summary>Disconnects an ML backend.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_ml_destroy")]
    public virtual Task DeleteAsync(int id, CancellationToken cancellationToken = default) => _api.DeleteMlBackendAsync(id, cancellationToken);

    /// <summary>Starts training. Not retried (a replay would start a second training); watch <see cref="GetAsync"/>'s state.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="useGroundTruth">Train on ground-truth annotations only.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server accepted the request.</returns>
    [Operation("api_ml_train_create")]
    public virtual async Task TrainAsync(int id, bool? useGroundTruth = null, CancellationToken cancellationToken = default)
    {
        using var response = await _api.TrainAsync(id, new MlTrainRequest { UseGroundTruth = useGroundTruth }, _http.Options.LongOperationTimeout, cancellationToken).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the backend for a test prediction on a sample task (checks the connection end to end). Reads the backend first: the call takes its project and URL.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's answer (raw JSON), or null without a body.</returns>
    public virtual async Task<JsonElement?> TestPredictAsync(int id, CancellationToken cancellationToken = default)
    {
        var backend = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        var body = new MlBackendRequest { Project = backend.Project, Url = backend.Url };
        using var response = await _api.TestPredictAsync(id, body, _http.Options.LongOperationTimeout, cancellationToken).ConfigureAwait(false);
        return await ReadOptionalJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an interactive pre-annotation request (e.g. a keypoint or a box from the annotator) for a task.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="taskId">Task id.</param>
    /// <param name="context">The interaction context (regions drawn by the user), raw JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The backend's answer (raw JSON), or null without a body.</returns>
    [Operation("api_ml_interactive_annotating_create")]
    public virtual async Task<JsonElement?> PredictInteractiveAsync(int id, int taskId, JsonElement? context = null, CancellationToken cancellationToken = default)
    {
        using var response = await _api.PredictInteractiveAsync(id, new MlInteractiveRequest { Task = taskId, Context = context }, cancellationToken).ConfigureAwait(false);
        return await ReadOptionalJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the model versions the backend reports.</summary>
    /// <param name="id">Backend id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    [Operation("api_ml_versions_retrieve")]
    public virtual Task<MlModelVersions> ListModelVersionsAsync(int id, CancellationToken cancellationToken = default) => _api.ListModelVersionsAsync(id, cancellationToken);

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorResponseParser.CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement?> ReadOptionalJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await ThrowIfErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(System.Text.Encoding.UTF8.GetString(bytes), LabelStudioJsonContext.Default.String);
        }
    }
}
