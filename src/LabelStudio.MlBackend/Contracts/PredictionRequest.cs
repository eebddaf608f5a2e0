using System.Globalization;
using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.MlBackend.Contracts;

/// <summary>A <c>POST /predict</c> call: a batch of tasks, or one task with an interactive context.</summary>
public sealed class PredictionRequest
{
    private readonly Func<string, LabelConfig>? _parse;
    private readonly object _errorsGate = new();
    private List<PredictionTaskError>? _errors;

    /// <summary>Creates a request (the server does this; tests may too).</summary>
    /// <param name="projectId">The project id (digits), or <see langword="null"/> when the call named none.</param>
    /// <param name="tasks">The tasks, in request order.</param>
    /// <param name="labelConfigXml">The project's labeling config, when sent.</param>
    /// <param name="context">The interactive context, when sent.</param>
    /// <param name="parameters">The <c>params</c> object without <c>context</c> (login, password), when sent.</param>
    /// <param name="modelVersion">The project's current model version.</param>
    /// <param name="parse">Parses (and caches) a labeling config; <see cref="LabelConfig.Parse(string, LabelConfigOptions?)"/> when null.</param>
    /// <param name="media">Opens task media (the server passes the registered <see cref="IMediaSource"/>, if any).</param>
    public PredictionRequest(string? projectId, IReadOnlyList<LabelStudioTask> tasks, string? labelConfigXml, PredictionContext? context, JsonElement? parameters, string modelVersion, Func<string, LabelConfig>? parse = null, IMediaSource? media = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        ProjectId = projectId;
        Tasks = tasks;
        LabelConfigXml = labelConfigXml;
        Context = context;
        Parameters = parameters;
        ModelVersion = modelVersion;
        _parse = parse;
        Media = media;
    }

    /// <summary>The project id (the part before the dot of <c>"&lt;id&gt;.&lt;timestamp&gt;"</c>), if sent.</summary>
    public string? ProjectId { get; }

    /// <summary>The tasks; answer exactly one entry per task, in this order.</summary>
    public IReadOnlyList<LabelStudioTask> Tasks { get; }

    /// <summary>The labeling config XML as sent, or <see langword="null"/>.</summary>
    public string? LabelConfigXml { get; }

    /// <summary>The interactive context, or <see langword="null"/> for a batch pre-annotation call.</summary>
    public PredictionContext? Context { get; }

    /// <summary>True when the call came from an interactive (smart) tool.</summary>
    public bool IsInteractive => Context is not null;

    /// <summary>The other <c>params</c> (task data login/password); never log them.</summary>
    public JsonElement? Parameters { get; }

    /// <summary>The project's current model version (filled into predictions that set none).</summary>
    public string ModelVersion { get; }

    /// <summary>The parsed labeling config.</summary>
    /// <returns>The config.</returns>
    /// <exception cref="InvalidOperationException">The request has no <c>label_config</c>.</exception>
    /// <exception cref="Config.Validation.LabelConfigException">The config is not valid.</exception>
    public LabelConfig GetLabelConfig()
    {
        if (string.IsNullOrWhiteSpace(LabelConfigXml))
        {
            throw new InvalidOperationException("The request has no label_config.");
        }

        return _parse is null ? LabelConfig.Parse(LabelConfigXml) : _parse(LabelConfigXml);
    }

    /// <summary>
    /// Opens task media safely: the <see cref="IMediaSource"/> registered in the services (normally
    /// LabelStudio.Client's <c>LabelStudioMediaResolver</c>, added with <c>services.AddLabelStudioMediaResolver(...)</c>:
    /// SSRF guard, credentials only to Label Studio, confined local folders, byte caps), or <see langword="null"/>
    /// when none is registered.
    /// </summary>
    public IMediaSource? Media { get; }

    /// <summary>The context cloud-storage URIs need to be presigned: the task id and the project id.</summary>
    /// <param name="task">A task of this request.</param>
    /// <returns>The media context.</returns>
    public MediaContext GetMediaContext(LabelStudioTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        long? project = long.TryParse(ProjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        return new MediaContext(task.Id, project);
    }

    /// <summary>
    /// Opens the media <paramref name="reference"/> (a string from <paramref name="task"/>'s data) through <see cref="Media"/>.
    /// A refused or failing reference throws <see cref="MediaException"/>; let it reach
    /// <see cref="LabelStudioMlBackend.PredictEachTaskAsync"/> or catch it and call <see cref="ReportTaskError"/>, so
    /// only that task goes without a prediction.
    /// </summary>
    /// <param name="task">The task whose data holds the reference.</param>
    /// <param name="reference">The reference, e.g. <c>/data/upload/1/cat.jpg</c> or an https URL.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The content; dispose it.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="IMediaSource"/> is registered.</exception>
    /// <exception cref="MediaException">The reference is refused or cannot be read.</exception>
    public Task<MediaContent> OpenMediaAsync(LabelStudioTask task, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(reference);
        var media = Media ?? throw new InvalidOperationException(
            "No media source is registered: call services.AddLabelStudioMediaResolver(...) (LabelStudio.Client.Media) next to AddLabelStudioMlBackend.");
        return media.OpenAsync(reference, GetMediaContext(task), cancellationToken);
    }

    /// <summary>
    /// Records that <paramref name="task"/> could not be predicted (for example its media was refused). Whatever the
    /// backend returns for it, the server answers an empty entry for that task (no prediction is stored, so Label
    /// Studio asks again later) and logs the error with secrets redacted; the other tasks keep their predictions.
    /// </summary>
    /// <param name="task">A task of this request.</param>
    /// <param name="error">What went wrong.</param>
    /// <exception cref="ArgumentException"><paramref name="task"/> is not one of <see cref="Tasks"/>.</exception>
    public void ReportTaskError(LabelStudioTask task, Exception error)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(error);
        var index = -1;
        for (var i = 0; i < Tasks.Count; i++)
        {
            if (ReferenceEquals(Tasks[i], task))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new ArgumentException("The task is not one of this request's tasks.", nameof(task));
        }

        lock (_errorsGate)
        {
            (_errors ??= []).Add(new PredictionTaskError(index, task.Id, error));
        }
    }

    /// <summary>The tasks reported failed, in report order (read by the server after PredictAsync).</summary>
    internal IReadOnlyList<PredictionTaskError> TaskErrors
    {
        get
        {
            lock (_errorsGate)
            {
                return _errors is null ? [] : [.. _errors];
            }
        }
    }
}
