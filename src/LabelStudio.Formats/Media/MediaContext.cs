namespace LabelStudio.Formats.Media;

/// <summary>
/// Where a media reference was found. Cloud-storage URIs (<c>s3://</c>, <c>gs://</c>, <c>azure-blob://</c>) can only be
/// resolved through Label Studio's presign endpoints, which need the id of the task (or project) that holds them.
/// </summary>
/// <param name="TaskId">The id of the task whose data holds the reference, if known.</param>
/// <param name="ProjectId">The id of the project, if known (used when no task id is given).</param>
public sealed record MediaContext(long? TaskId = null, long? ProjectId = null);
