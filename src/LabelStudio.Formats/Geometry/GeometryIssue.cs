namespace LabelStudio.Formats.Geometry;

/// <summary>One problem with a region's coordinates, found by <see cref="GeometryChecks"/>. Values are reported, never clamped.</summary>
/// <param name="Field">The value's name as Label Studio writes it: <c>x</c>, <c>width</c>, <c>rotation</c>, <c>points[3].y</c>, <c>corner[2].x</c> ...</param>
/// <param name="Value">The offending value.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence naming the field, the value and what was expected.</param>
public sealed record GeometryIssue(string Field, double Value, GeometryIssueKind Kind, string Message);
