using LabelStudio.Testing;

namespace LabelStudio.Formats.Tests;

/// <summary>The copied fixtures (tests/TestData), one named test case per file.</summary>
internal static class Fixtures
{
    public static string FormatsRoot => System.IO.Path.Combine(RepositoryPaths.TestData, "Formats");

    public static string ApiRoot => System.IO.Path.Combine(RepositoryPaths.TestData, "Api");

    /// <summary>Every task list: the exports, the tasks the importers produced and the JSON export copy.</summary>
    public static IEnumerable<TestCaseData> TaskLists() =>
        Directory.EnumerateFiles(FormatsRoot, "*.json", SearchOption.AllDirectories)
            .Where(f => System.IO.Path.GetFileName(f) == "export.json" || f.Contains("IMPORT_", StringComparison.Ordinal) || f.Contains($"{System.IO.Path.DirectorySeparatorChar}JSON{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Relative(f)).SetArgDisplayNames(Relative(f)));

    /// <summary>Every JSON_MIN output of the official converter.</summary>
    public static IEnumerable<TestCaseData> JsonMinFiles() =>
        Directory.EnumerateFiles(FormatsRoot, "result.json", SearchOption.AllDirectories)
            .Where(f => f.Contains("JSON_MIN", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Relative(f)).SetArgDisplayNames(Relative(f)));

    public static string Path(string relative) => System.IO.Path.Combine(RepositoryPaths.TestData, relative);

    private static string Relative(string full) => System.IO.Path.GetRelativePath(RepositoryPaths.TestData, full).Replace('\\', '/');
}
