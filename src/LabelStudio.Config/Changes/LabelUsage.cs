namespace LabelStudio.Config.Changes;

/// <summary>How many existing annotations or drafts use one label of one control.</summary>
/// <param name="FromName">The control name (<c>from_name</c>).</param>
/// <param name="Label">The label value as results carry it.</param>
/// <param name="Count">How many results use it.</param>
public sealed record LabelUsage(string FromName, string Label, int Count = 1);
