namespace LabelStudio.MlBackend.Contracts;

/// <summary>A task of a predict call that got no prediction because of <paramref name="Error"/>.</summary>
/// <param name="Index">The task's index in the request.</param>
/// <param name="TaskId">The task's id, when sent.</param>
/// <param name="Error">What went wrong.</param>
internal sealed record PredictionTaskError(int Index, long? TaskId, Exception Error);
