namespace LabelStudio.Config.Changes;

/// <summary>How many existing results use one (from_name, to_name, type) triple, as the server's annotation summary counts them.</summary>
/// <param name="FromName">The control name (<c>from_name</c>).</param>
/// <param name="ToName">The object name (<c>to_name</c>).</param>
/// <param name="Type">The result type (<c>rectanglelabels</c>, <c>choices</c>, ...).</param>
/// <param name="Count">How many results use it.</param>
public sealed record ResultUsage(string FromName, string ToName, string Type, int Count = 1);
