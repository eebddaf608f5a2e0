using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Models;

namespace LabelStudio.MlBackend.Contracts;

/// <summary>A <c>POST /predict</c> call: a batch of tasks, or one task with an interactive context.</summary>
public sealed class PredictionRequest
{
    private readonly Func<string, LabelConfig>? _parse;

    /// <summary>Creates a request (the server does this; tests may too).</summary>
    /// <param name="projectId">The project id (digits), or <see langword="null"/> when the call named none.</param>
    /// <param name="tasks">The tasks, in request order.</param>
    /// <param name="labelConfigXml">The project's labeling config, when sent.</param>
    /// <param name="context">The interactive context, when sent.</param>
    /// <param name="parameters">The <c>params</c> object without <c>context</c> (login, password), when sent.</param>
    /// <param name="modelVersion">The project's current model version.</param>
    /// <param name="parse">Parses (and caches) a labeling config; <see cref="LabelConfig.Parse(string, LabelConfigOptions?)"/> when null.</param>
    public PredictionRequest(string? projectId, IReadOnlyList<LabelStudioTask> tasks, string? labelConfigXml, PredictionContext? context, JsonElement? parameters, string modelVersion, Func<string, LabelConfig>? parse = null)
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
}
