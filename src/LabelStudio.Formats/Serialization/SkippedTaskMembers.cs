namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Task members a consumer never looks at, which the task reader then checks for well-formed JSON but does not
/// materialize: the task comes out as if the member were absent (empty list, no presence bit). Internal: only the
/// export runner uses it, for the formats whose exporters provably never read these members.
/// </summary>
[Flags]
internal enum SkippedTaskMembers
{
    None = 0,

    /// <summary>The task's <c>predictions</c>.</summary>
    Predictions = 1,

    /// <summary>The task's <c>drafts</c>.</summary>
    Drafts = 2,
}
