using System.Text.Json;
using LabelStudio.MlBackend.Contracts;
using LabelStudio.MlBackend.Logging;
using LabelStudio.MlBackend.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudio.MlBackend.Training;

/// <summary>Runs the backend's FitAsync for each queued batch, one at a time, and records the new model version.</summary>
internal sealed partial class TrainingService(
    TrainingQueue queue,
    IServiceProvider services,
    IProjectStateStore store,
    ILogger<TrainingService> logger,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Batches finished (trained or failed); lets tests wait for training without sleeping.</summary>
    public event Action<string, string?, Exception?>? BatchCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued events are dropped; Label Studio sends new ones with the next annotation.
        }
    }

    internal async Task RunAsync(TrainingBatch batch, CancellationToken cancellationToken)
    {
        string? newVersion = null;
        Exception? failure = null;
        try
        {
            var backend = services.GetRequiredService<LabelStudioMlBackend>();
            var current = await store.GetAsync(batch.ProjectId, cancellationToken).ConfigureAwait(false);
            var request = new TrainingRequest(
                batch.ProjectId,
                batch.Events,
                batch.CoalescedEvents,
                FindLabelConfig(batch.Events),
                current?.ModelVersion ?? ProjectState.InitialModelVersion,
                store.GetModelDirectory(batch.ProjectId),
                services.GetService<ILabelStudioTaskSource>());
            newVersion = await backend.FitAsync(request, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(newVersion))
            {
                var now = _timeProvider.GetUtcNow();
                await store.UpdateAsync(
                    batch.ProjectId,
                    state => (state ?? new ProjectState { ProjectId = batch.ProjectId }).WithModelVersion(newVersion, now),
                    cancellationToken).ConfigureAwait(false);
                LogTrained(logger, batch.ProjectId, batch.Events.Count, newVersion);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A failing fit must not stop training for the other projects.
            failure = ex;
            LogFailed(logger, batch.ProjectId, SecretRedactor.RedactText(ex.ToString()));
        }

        BatchCompleted?.Invoke(batch.ProjectId, newVersion, failure);
    }

    private static string? FindLabelConfig(IReadOnlyList<TrainingEvent> events)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            var payload = events[i].Payload;
            if (payload.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (payload.TryGetProperty("project", out var project) && project.ValueKind == JsonValueKind.Object
                && project.TryGetProperty("label_config", out var config) && config.ValueKind == JsonValueKind.String)
            {
                return config.GetString();
            }

            if (payload.TryGetProperty("label_config", out config) && config.ValueKind == JsonValueKind.String)
            {
                return config.GetString();
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Project {ProjectId}: trained on {Events} events, model version {Version}")]
    private static partial void LogTrained(ILogger logger, string projectId, int events, string version);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Project {ProjectId}: training failed: {Exception}")]
    private static partial void LogFailed(ILogger logger, string projectId, string exception);
}
