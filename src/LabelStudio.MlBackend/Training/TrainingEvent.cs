using System.Text.Json;

namespace LabelStudio.MlBackend.Training;

/// <summary>One training trigger received from Label Studio: a webhook event or a legacy <c>/train</c> call.</summary>
/// <param name="Action">The event name, e.g. <c>ANNOTATION_CREATED</c> or <c>START_TRAINING</c>.</param>
/// <param name="ProjectId">The Label Studio project the event belongs to.</param>
/// <param name="Payload">The event body as Label Studio sent it, without <c>action</c>.</param>
/// <param name="ReceivedAt">When the backend received it.</param>
internal sealed record TrainingEvent(string Action, string ProjectId, JsonElement Payload, DateTimeOffset ReceivedAt);
