using System.Text.Json;

namespace LabelStudio.MlBackend.Training;

/// <summary>One training event as Label Studio sent it (a webhook body, a START_TRAINING call or a legacy /train call).</summary>
/// <param name="Action">The event name, e.g. <c>ANNOTATION_CREATED</c>, <c>ANNOTATIONS_DELETED</c> or <c>START_TRAINING</c>.</param>
/// <param name="ProjectId">The Label Studio project id (digits only).</param>
/// <param name="Payload">The whole request body (a detached copy, safe to keep).</param>
/// <param name="ReceivedAt">When the server received it.</param>
public sealed record TrainingEvent(string Action, string ProjectId, JsonElement Payload, DateTimeOffset ReceivedAt);
