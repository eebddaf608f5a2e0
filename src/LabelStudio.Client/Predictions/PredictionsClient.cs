using System.Globalization;
using System.Text;
using LabelStudio.Client.Http;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Predictions;

/// <summary>
/// Predictions (pre-annotations): list, create, read, update, delete, with the Formats <see cref="Prediction"/> model.
/// To upload many at once use <c>client.Import.ImportPredictionsAsync</c>.
/// </summary>
public class PredictionsClient
{
    private readonly LabelStudioHttp _http = null!;

    /// <summary>For mocking.</summary>
    protected PredictionsClient()
    {
    }

    internal PredictionsClient(LabelStudioHttp http)
    {
        _http = http;
    }

    /// <summary>Lists predictions, of one task or of one project (or all the user can see when both are null).</summary>
    /// <param name="taskId">Only this task's predictions (<c>task=</c>).</param>
    /// <param name="projectId">Only this project's predictions (<c>project=</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The predictions.</returns>
    [Operation("api_predictions_list")]
    public virtual async Task<IReadOnlyList<Prediction>> ListAsync(long? taskId = null, long? projectId = null, CancellationToken cancellationToken = default)
    {
        var path = new StringBuilder("api/predictions/");
        var separator = '?';
        if (taskId is { } task)
        {
            path.Append(separator).Append(CultureInfo.InvariantCulture, $"task={task}");
            separator = '&';
        }

        if (projectId is { } project)
        {
            path.Append(separator).Append(CultureInfo.InvariantCulture, $"project={project}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, LabelStudioHttp.Relative(path.ToString()));
        return await ModelBodies.SendAsync(_http, request, b => ModelBodies.ReadArray(b, e => LabelStudioJson.DeserializePrediction(e), "prediction"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a prediction on a task. A prediction without results is sent with <c>"result": []</c>. Not retried after it
    /// reached the server (a replay would create a second one).
    /// </summary>
    /// <param name="taskId">Task id (sent as <c>task</c>; the object is not changed).</param>
    /// <param name="prediction">The prediction: results, model version, score.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created prediction.</returns>
    [Operation("api_predictions_create")]
    public virtual async Task<Prediction> CreateAsync(long taskId, Prediction prediction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var body = ModelBodies.WithResult(LabelStudioJson.SerializeToUtf8Bytes(prediction));
        body["task"] = taskId;
        using var request = new HttpRequestMessage(HttpMethod.Post, LabelStudioHttp.Relative("api/predictions/")) { Content = ModelBodies.Json(body) };
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializePrediction(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a prediction.</summary>
    /// <param name="id">Prediction id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The prediction.</returns>
    [Operation("api_predictions_retrieve")]
    public virtual async Task<Prediction> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(id));
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializePrediction(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates a prediction: the members of <paramref name="changes"/> that hold something (or were present when read) are sent.</summary>
    /// <param name="id">Prediction id.</param>
    /// <param name="changes">The members to change, e.g. <c>new Prediction { ModelVersion = "v2", Score = 0.9 }</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated prediction.</returns>
    [Operation("api_predictions_partial_update")]
    public virtual async Task<Prediction> UpdateAsync(long id, Prediction changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var request = new HttpRequestMessage(HttpMethod.Patch, Path(id)) { Content = ModelBodies.Json(LabelStudioJson.SerializeToUtf8Bytes(changes)) };
        return await ModelBodies.SendAsync(_http, request, b => LabelStudioJson.DeserializePrediction(b), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a prediction.</summary>
    /// <param name="id">Prediction id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    [Operation("api_predictions_destroy")]
    public virtual async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path(id));
        await ModelBodies.SendAsync(_http, request, cancellationToken).ConfigureAwait(false);
    }

    private static Uri Path(long id) => LabelStudioHttp.Relative(string.Create(CultureInfo.InvariantCulture, $"api/predictions/{id}/"));
}
