using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>The skip sets the oracle tests run with: none, each group alone, every set a built-in exporter uses, all.</summary>
internal static class SkipSets
{
    public static readonly SkippedTaskMembers[] Combinations = Build();

    private static SkippedTaskMembers[] Build()
    {
        var groups = Enum.GetValues<SkippedTaskMembers>().Where(g => g != SkippedTaskMembers.None).ToArray();
        var all = groups.Aggregate(SkippedTaskMembers.None, (a, g) => a | g);
        var registry = ExporterRegistry.CreateDefault();
        var exporters = registry.Formats.Select(f => registry.TryGet(f, out var e) ? ExportRunner.SkippableMembers(e) : SkippedTaskMembers.None);
        return [.. new[] { SkippedTaskMembers.None, SkippedTaskMembers.Predictions | SkippedTaskMembers.Drafts, all }.Concat(groups).Concat(exporters).Distinct()];
    }
}
