using System.Text.Json;
using LabelStudio.Testing;

namespace LabelStudio.Config.Tests;

/// <summary>The copied config fixtures (tests/TestData/Config) and their index files.</summary>
internal static class ConfigFixtures
{
    public static string TemplatesFolder => Path.Combine(RepositoryPaths.TestData, "Config", "templates");

    public static string InvalidFolder => Path.Combine(RepositoryPaths.TestData, "Config", "invalid");

    public static IEnumerable<TestCaseData> Templates()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(TemplatesFolder, "index.json")));
        foreach (var entry in index.RootElement.GetProperty("templates").EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var sample = entry.TryGetProperty("sample_data", out var data) && data.ValueKind != JsonValueKind.Null ? data.GetRawText() : null;
            if (entry.TryGetProperty("sample_note", out var note) && note.GetString()!.Contains("dropped the comment", StringComparison.Ordinal))
            {
                // The sample came from an older version of the file; this config carries no sample comment.
                sample = null;
            }

            yield return new TestCaseData(file, sample).SetName(Path.GetFileNameWithoutExtension(file));
        }
    }

    public static IEnumerable<TestCaseData> InvalidCases()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(InvalidFolder, "index.json")));
        foreach (var entry in index.RootElement.GetProperty("cases").EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var kind = entry.GetProperty("kind").GetString()!;
            var expected = entry.GetProperty("expected_error_contains").GetString()!;
            yield return new TestCaseData(file, kind, expected).SetName(Path.GetFileNameWithoutExtension(file));
        }
    }

    public static string ReadTemplate(string file) => File.ReadAllText(Path.Combine(TemplatesFolder, file));

    public static string ReadInvalid(string file) => File.ReadAllText(Path.Combine(InvalidFolder, file));
}
