using System.Globalization;
using System.Text;
using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

/// <summary>
/// Runs an image exporter over a fixture case and compares its output with the official converter's
/// (tests/TestData/Formats/&lt;case&gt;/expected/&lt;FORMAT&gt;), as the fixtures README says: same files with the
/// same names; JSON equal as values (volatile fields of case.json loose); numbers within 1e-9 relative; text
/// files line by line with numbers compared as numbers; PNG masks pixel by pixel; .npy byte for byte.
/// </summary>
internal static class ImageExportHarness
{
    private static readonly HashSet<string> VolatileJsonPaths = new(StringComparer.Ordinal) { "$.info.year", "$.info.date_created" };

    public static IEnumerable<TestCaseData> Cases(string format) =>
        Directory.EnumerateDirectories(Fixtures.FormatsRoot)
            .Where(d => Directory.Exists(Path.Combine(d, "expected", format)))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(c => new TestCaseData(c).SetArgDisplayNames(c!));

    public static string CaseDirectory(string caseName) => Path.Combine(Fixtures.FormatsRoot, caseName);

    /// <summary>
    /// Runs <paramref name="exporter"/> over a fixture case as the fixture script ran the official converter: the
    /// case's media folders (case.json <c>env_relative_to_case</c>) are copied under <paramref name="workDirectory"/>
    /// and given as a <see cref="LocalMediaSource"/> (LOCAL_FILES_DOCUMENT_ROOT, LS_UPLOAD_DIR), and the output goes
    /// to <c>&lt;work&gt;/case/expected/&lt;FORMAT&gt;</c>, so a path the converter wrote relative to its output folder
    /// (COCO's <c>../../media/local/a.png</c>) comes out the same.
    /// </summary>
    /// <returns>The output folder.</returns>
    public static async Task<string> RunCaseAsync(IExporter exporter, string caseName, string workDirectory)
    {
        var directory = CaseDirectory(caseName);
        var copy = Path.Combine(workDirectory, "case");
        var output = Path.Combine(copy, "expected", exporter.Format.Name);
        Directory.CreateDirectory(output);
        using var caseJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(directory, "case.json")));
        var invocation = caseJson.RootElement.GetProperty("invocation");
        var download = invocation.TryGetProperty("options", out var options) && options.TryGetProperty("download", out var d) && d.GetBoolean();
        string? localRoot = null;
        string? uploads = null;
        if (invocation.TryGetProperty("env_relative_to_case", out var env))
        {
            foreach (var variable in env.EnumerateObject())
            {
                var source = Path.Combine(directory, variable.Value.GetString()!);
                var target = Path.Combine(copy, variable.Value.GetString()!);
                CopyDirectory(source, target);
                if (variable.Name == "LOCAL_FILES_DOCUMENT_ROOT")
                {
                    localRoot = target;
                }
                else if (variable.Name == "LS_UPLOAD_DIR")
                {
                    uploads = target;
                }
            }
        }

        var media = localRoot is null && uploads is null ? null : new LocalMediaSource(new LocalMediaSourceOptions { LocalFilesDocumentRoot = localRoot, UploadDirectory = uploads });

        // The official COCO, YOLO and YOLO_OBB formats ignore the download option (their *_WITH_IMAGES names turn it
        // on): in with_images_local_files, run with --download, expected/COCO and expected/YOLO hold no copies while
        // expected/VOC does. Our DownloadResources on COCO/YOLO means "with images", so it is set for VOC only.
        var exportOptions = new ImageExportOptions { DownloadResources = download && exporter.Format == ExportFormat.Voc };
        var config = LabelConfig.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "config.xml")));
        await using var export = File.OpenRead(Path.Combine(directory, "export.json"));
        await RunAsync(exporter, LabelStudioJson.ReadTasksAsync(export), config, output, exportOptions, media);
        return output;
    }

    public static Task<ConversionReport> RunAsync(IExporter exporter, IAsyncEnumerable<LabelStudioTask> tasks, LabelConfig? config, string outputDirectory, ImageExportOptions? options = null, IMediaSource? media = null) =>
        RunAsync(exporter, tasks, config, outputDirectory, new ConversionReport(), options, media);

    public static async Task<ConversionReport> RunAsync(IExporter exporter, IAsyncEnumerable<LabelStudioTask> tasks, LabelConfig? config, string outputDirectory, ConversionReport report, ImageExportOptions? options = null, IMediaSource? media = null)
    {
        var context = new ExportContext
        {
            Tasks = tasks,
            Config = config,
            OutputDirectory = outputDirectory,
            Options = options ?? new ImageExportOptions(),
            Media = media,
            Report = report,
        };
        await exporter.ExportAsync(context);
        return report;
    }

    public static async IAsyncEnumerable<LabelStudioTask> TasksFromJson(string json)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await foreach (var task in LabelStudioJson.ReadTasksAsync(stream))
        {
            yield return task;
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>
    /// The fixture cases whose case.json says <c>"numbers": "exact"</c> (outputs of crafted exports that hit each
    /// geometry formula), one per case x format present under expected/.
    /// </summary>
    public static IEnumerable<TestCaseData> ExactCases(params string[] formats)
    {
        foreach (var directory in Directory.EnumerateDirectories(Fixtures.FormatsRoot).Order(StringComparer.Ordinal))
        {
            var caseJson = Path.Combine(directory, "case.json");
            if (!File.Exists(caseJson))
            {
                continue;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(caseJson));
            if (!document.RootElement.TryGetProperty("numbers", out var numbers) || numbers.GetString() != "exact")
            {
                continue;
            }

            foreach (var format in formats.Where(f => Directory.Exists(Path.Combine(directory, "expected", f))))
            {
                var name = Path.GetFileName(directory);
                yield return new TestCaseData(name, format).SetArgDisplayNames($"{name}/{format}");
            }
        }
    }

    /// <summary>The differences between expected and actual output folders; empty when they match.</summary>
    /// <param name="expectedDirectory">The official output.</param>
    /// <param name="actualDirectory">Ours.</param>
    /// <param name="exact">
    /// Text files byte for byte and JSON numbers with <c>==</c> as doubles, instead of numbers within 1e-9 relative.
    /// </param>
    public static List<string> Compare(string expectedDirectory, string actualDirectory, bool exact = false)
    {
        var differences = new List<string>();
        var expectedFiles = Files(expectedDirectory);
        var actualFiles = Files(actualDirectory);
        foreach (var missing in expectedFiles.Except(actualFiles))
        {
            differences.Add($"{missing}: missing in output");
        }

        foreach (var extra in actualFiles.Except(expectedFiles))
        {
            differences.Add($"{extra}: not in the official output");
        }

        foreach (var file in expectedFiles.Intersect(actualFiles))
        {
            var expected = Path.Combine(expectedDirectory, file);
            var actual = Path.Combine(actualDirectory, file);
            var difference = Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".json" => CompareJson(expected, actual, exact),
                ".png" => ComparePng(expected, actual),
                ".npy" or ".jpg" or ".jpeg" => File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)) ? null : "bytes differ",
                _ when exact => CompareBytes(File.ReadAllText(expected), File.ReadAllText(actual)),
                _ => CompareLines(File.ReadAllText(expected), File.ReadAllText(actual)),
            };
            if (difference is not null)
            {
                differences.Add($"{file}: {difference}");
            }
        }

        return differences;
    }

    public static bool NumbersEqual(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(actual)) || Math.Abs(expected - actual) < 1e-12;

    public static string? CompareLines(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        if (expectedLines.Length != actualLines.Length)
        {
            return $"{expectedLines.Length} line(s) expected (trailing newline counted), got {actualLines.Length}";
        }

        for (var i = 0; i < expectedLines.Length; i++)
        {
            var e = expectedLines[i].Split(' ');
            var a = actualLines[i].Split(' ');
            if (e.Length != a.Length)
            {
                return $"line {i + 1}: expected '{expectedLines[i]}', got '{actualLines[i]}'";
            }

            for (var j = 0; j < e.Length; j++)
            {
                if (string.Equals(e[j], a[j], StringComparison.Ordinal))
                {
                    continue;
                }

                if (double.TryParse(e[j], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(a[j], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                    && NumbersEqual(x, y))
                {
                    continue;
                }

                return $"line {i + 1}, token {j + 1}: expected '{e[j]}', got '{a[j]}'";
            }
        }

        return null;
    }

    /// <summary>Byte-identical text; the difference names the first differing line.</summary>
    public static string? CompareBytes(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Min(expectedLines.Length, actualLines.Length); i++)
        {
            if (!string.Equals(expectedLines[i], actualLines[i], StringComparison.Ordinal))
            {
                return $"line {i + 1}: expected '{expectedLines[i]}', got '{actualLines[i]}'";
            }
        }

        return $"{expectedLines.Length} line(s) expected (trailing newline counted), got {actualLines.Length}";
    }

    private static string? CompareJson(string expectedPath, string actualPath, bool exact)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(expectedPath));
        using var actual = JsonDocument.Parse(File.ReadAllBytes(actualPath));
        return CompareJson(expected.RootElement, actual.RootElement, "$", exact);
    }

    private static string? CompareJson(JsonElement expected, JsonElement actual, string path, bool exact)
    {
        if (VolatileJsonPaths.Contains(path))
        {
            return expected.ValueKind == actual.ValueKind ? null : $"{path}: expected a {expected.ValueKind}, got {actual.ValueKind}";
        }

        // BRUSH_TO_COCO's category colours are random.randint draws (case.json: volatile): any #rrggbb will do.
        if (path.StartsWith("$.categories[", StringComparison.Ordinal) && path.EndsWith("].color", StringComparison.Ordinal))
        {
            return actual.ValueKind == JsonValueKind.String && System.Text.RegularExpressions.Regex.IsMatch(actual.GetString()!, "^#[0-9a-f]{6}$")
                ? null
                : $"{path}: expected a #rrggbb colour, got {actual.GetRawText()}";
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, got {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!expectedNames.SequenceEqual(actualNames))
                {
                    return $"{path}: members [{string.Join(", ", expectedNames)}] expected, got [{string.Join(", ", actualNames)}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    if (CompareJson(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}", exact) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: {expected.GetArrayLength()} item(s) expected, got {actual.GetArrayLength()}";
                }

                var i = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    if (CompareJson(e, a, $"{path}[{i++}]", exact) is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Number:
                var equal = exact ? expected.GetDouble() == actual.GetDouble() : NumbersEqual(expected.GetDouble(), actual.GetDouble());
                return equal ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal) ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return null;
        }
    }

    private static string? ComparePng(string expectedPath, string actualPath)
    {
        var expected = MaskPng.Read(File.ReadAllBytes(expectedPath));
        var actual = MaskPng.Read(File.ReadAllBytes(actualPath));
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return $"size {expected.Width}x{expected.Height} expected, got {actual.Width}x{actual.Height}";
        }

        return expected.ContentEquals(actual) ? null : "pixels differ";
    }

    private static HashSet<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))];
}
