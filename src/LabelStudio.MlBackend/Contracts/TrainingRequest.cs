using LabelStudio.MlBackend.Training;

namespace LabelStudio.MlBackend.Contracts;

/// <summary>A batch of training events of one project, coalesced while the previous run was busy.</summary>
public sealed class TrainingRequest
{
    /// <summary>Creates a request (the training service does this; tests may too).</summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="events">The events, oldest first.</param>
    /// <param name="droppedEvents">Older events dropped because the batch was full.</param>
    /// <param name="labelConfigXml">The newest labeling config seen in the events, if any.</param>
    /// <param name="modelVersion">The project's current model version.</param>
    /// <param name="modelDirectory">A directory for this project's model files (survives restarts).</param>
    /// <param name="taskSource">Where to fetch annotated tasks, when one is registered.</param>
    public TrainingRequest(string projectId, IReadOnlyList<TrainingEvent> events, int droppedEvents, string? labelConfigXml, string modelVersion, string modelDirectory, ILabelStudioTaskSource? taskSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(events);
        ProjectId = projectId;
        Events = events;
        DroppedEvents = droppedEvents;
        LabelConfigXml = labelConfigXml;
        ModelVersion = modelVersion;
        ModelDirectory = modelDirectory;
        TaskSource = taskSource;
    }

    /// <summary>The project id.</summary>
    public string ProjectId { get; }

    /// <summary>The events, oldest first.</summary>
    public IReadOnlyList<TrainingEvent> Events { get; }

    /// <summary>Older events of this batch that were dropped because the batch was full (train on all data when not 0).</summary>
    public int DroppedEvents { get; }

    /// <summary>The newest labeling config found in the events (<c>project.label_config</c> or <c>label_config</c>).</summary>
    public string? LabelConfigXml { get; }

    /// <summary>The model version before this run.</summary>
    public string ModelVersion { get; }

    /// <summary>A directory for this project's model files.</summary>
    public string ModelDirectory { get; }

    /// <summary>Where to fetch the project's annotated tasks, or <see langword="null"/> when none is registered.</summary>
    public ILabelStudioTaskSource? TaskSource { get; }
}
