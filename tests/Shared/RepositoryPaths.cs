namespace LabelStudio.Testing;

/// <summary>Locates this repository from a running test, for tests that build or pack it.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding LabelStudio.slnx, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The test data folder copied next to the test assembly (tests/TestData in the repository).</summary>
    public static string TestData { get; } = Path.Combine(AppContext.BaseDirectory, "TestData");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LabelStudio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LabelStudio.slnx not found above {AppContext.BaseDirectory}.");
    }
}
