namespace LabelStudio.MlBackend.Training;

/// <summary>
/// The training events of one project that arrived while it waited for a training run, oldest first.
/// When more arrived than a batch keeps, the oldest were left out and counted in <see cref="CoalescedEvents"/>.
/// </summary>
internal sealed record TrainingBatch(string ProjectId, IReadOnlyList<TrainingEvent> Events, int CoalescedEvents);
