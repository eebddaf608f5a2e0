using System.Text.Json;

namespace LabelStudio.MlBackend.State;

/// <summary>
/// What an ML backend remembers about one Label Studio project between requests and restarts:
/// the model version it reports from <c>/setup</c> and <c>/versions</c>, and the <c>extra_params</c> Label Studio sent.
/// </summary>
public sealed record ProjectState
{
    /// <summary>The model version a backend starts with, as the official Python backend does.</summary>
    public const string InitialModelVersion = "0.0.1";

    /// <summary>The Label Studio project id (the part of <c>"&lt;id&gt;.&lt;timestamp&gt;"</c> before the dot).</summary>
    public required string ProjectId { get; init; }

    /// <summary>The current model version of this project; never empty.</summary>
    public string ModelVersion { get; init; } = InitialModelVersion;

    /// <summary>Every model version this project has had, oldest first, the current one last.</summary>
    public IReadOnlyList<string> ModelVersions { get; init; } = [InitialModelVersion];

    /// <summary>
    /// The backend's <c>extra_params</c> as Label Studio sent them to <c>/setup</c>: an object, or a JSON string
    /// that holds an object. <see langword="null"/> when none were sent.
    /// </summary>
    public JsonElement? ExtraParams { get; init; }

    /// <summary>When this state was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Returns this state with <paramref name="version"/> as the current model version, appended to the history.</summary>
    public ProjectState WithModelVersion(string version, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (version == ModelVersion)
        {
            return this with { UpdatedAt = now };
        }

        return this with
        {
            ModelVersion = version,
            ModelVersions = [.. ModelVersions.Where(v => v != version), version],
            UpdatedAt = now,
        };
    }
}
