using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// Our exporters against the official converter's outputs in the fixtures (one named case per case x format),
/// compared as the fixtures README says: JSON as values, CSV/TSV row by row, text line by line.
/// </summary>
public class ExportFixtureTests
{
    private static readonly string[] OurFormats = ["JSON", "JSON_MIN", "CSV", "TSV", "CONLL2003", "ASR_MANIFEST"];

    private string _output = null!;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var caseDir in Directory.EnumerateDirectories(Fixtures.FormatsRoot).Order(StringComparer.Ordinal))
        {
            // Cases whose config is an already parsed schema dict (config.json: Repeater, chat) run with the XML that
            // dict was parsed from (SchemaDictConfig).
            if ((!File.Exists(Path.Combine(caseDir, "config.xml")) && !File.Exists(Path.Combine(caseDir, "config.json"))) || !File.Exists(Path.Combine(caseDir, "export.json")))
            {
                continue;
            }

            foreach (var format in OurFormats)
            {
                if (Directory.Exists(Path.Combine(caseDir, "expected", format)))
                {
                    var name = $"{Path.GetFileName(caseDir)}/{format}";
                    yield return new TestCaseData(Path.GetFileName(caseDir), format).SetArgDisplayNames(name);
                }
            }
        }
    }

    public static IEnumerable<TestCaseData> SupportedFormatCases() =>
        Directory.EnumerateDirectories(Fixtures.FormatsRoot).Order(StringComparer.Ordinal)
            .Where(d => File.Exists(Path.Combine(d, "expected", "SUPPORTED_FORMATS", "supported_formats.json")) && File.Exists(Path.Combine(d, "config.xml")))
            .Select(d => new TestCaseData(Path.GetFileName(d)).SetArgDisplayNames(Path.GetFileName(d)));

    [SetUp]
    public void SetUp() => _output = Path.Combine(Path.GetTempPath(), "ls-export-tests-" + Guid.NewGuid().ToString("N"), "out");

    [TearDown]
    public void TearDown()
    {
        var parent = Path.GetDirectoryName(_output)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task RunAsync_FixtureCase_MatchesOfficialOutput(string caseName, string format)
    {
        var caseDir = Path.Combine(Fixtures.FormatsRoot, caseName);
        var config = LoadConfig(caseDir);
        var media = new LocalMediaSource(new LocalMediaSourceOptions { UploadDirectory = Path.Combine(caseDir, "media", "upload") });
        await using (var input = File.OpenRead(Path.Combine(caseDir, "export.json")))
        {
            await new ExportRunner().RunAsync(input, new ExportFormat(format), _output, new ExportRunOptions { Config = config, Media = media });
        }

        var expectedDir = Path.Combine(caseDir, "expected", format);
        var expectedFiles = Directory.EnumerateFiles(expectedDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expectedDir, f)).Order(StringComparer.Ordinal).ToArray();
        var actualFiles = Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_output, f)).Order(StringComparer.Ordinal).ToArray();
        actualFiles.Should().Equal(expectedFiles, "the same files with the same names are written");
        var exact = IsExactCase(caseDir);
        foreach (var file in expectedFiles)
        {
            CompareFile(format, Path.Combine(expectedDir, file), Path.Combine(_output, file), exact);
        }
    }

    // A case whose case.json says "compare": "exact": CSV/TSV byte for byte, JSON as Python reads it (int/float kinds),
    // then line for line.
    private static bool IsExactCase(string caseDir)
    {
        using var meta = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(caseDir, "case.json")));
        return meta.RootElement.TryGetProperty("compare", out var compare) && compare.GetString() == "exact";
    }

    [TestCaseSource(nameof(SupportedFormatCases))]
    public void For_FixtureConfig_EqualsOfficialList(string caseName)
    {
        var caseDir = Path.Combine(Fixtures.FormatsRoot, caseName);
        var expected = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(caseDir, "expected", "SUPPORTED_FORMATS", "supported_formats.json")))!;

        var actual = SupportedFormats.For(LoadConfig(caseDir)).Select(f => f.Name);

        actual.Should().Equal(expected);
    }

    internal static LabelConfig? LoadConfig(string caseDir)
    {
        var dict = Path.Combine(caseDir, "config.json");
        var xml = File.Exists(dict) ? SchemaDictConfig.ToXml(File.ReadAllText(dict)) : File.ReadAllText(Path.Combine(caseDir, "config.xml"));
        return string.IsNullOrWhiteSpace(xml) ? null : LabelConfig.Parse(xml);
    }

    private static void CompareFile(string format, string expected, string actual, bool exact)
    {
        switch (Path.GetExtension(expected))
        {
            case ".csv" when exact:
                // Row by row first for a readable failure, then every byte (line ends, quoting).
                File.ReadAllText(actual).Split("\r\n").Should().Equal(File.ReadAllText(expected).Split("\r\n"));
                File.ReadAllBytes(actual).AsSpan().SequenceEqual(File.ReadAllBytes(expected)).Should().BeTrue("the file is byte-identical");
                break;
            case ".json" when exact && format != "ASR_MANIFEST":
                using (var e = JsonDocument.Parse(File.ReadAllBytes(expected)))
                using (var a = JsonDocument.Parse(File.ReadAllBytes(actual)))
                {
                    JsonValueComparer.FirstDifference(e.RootElement, a.RootElement, pythonKinds: true).Should().BeNull(Path.GetFileName(expected));
                }

                // Then ujson's text itself: '/' escaped, its float layout, indent=2.
                File.ReadAllText(actual).Split('\n').Should().Equal(File.ReadAllText(expected).Split('\n'));
                break;
            case ".csv":
                CompareCsv(expected, actual, format == "TSV" ? "\t" : ",");
                break;
            case ".json" when format != "ASR_MANIFEST":
                using (var e = JsonDocument.Parse(File.ReadAllBytes(expected)))
                using (var a = JsonDocument.Parse(File.ReadAllBytes(actual)))
                {
                    JsonValueComparer.FirstDifference(e.RootElement, a.RootElement).Should().BeNull(Path.GetFileName(expected));
                }

                break;
            case ".json":
                CompareJsonLines(expected, actual);
                break;
            case ".wav":
                File.ReadAllBytes(actual).Should().Equal(File.ReadAllBytes(expected));
                break;
            default:
                File.ReadAllText(actual).Split('\n').Should().Equal(File.ReadAllText(expected).Split('\n'));
                break;
        }
    }

    private static void CompareJsonLines(string expected, string actual)
    {
        var e = File.ReadAllLines(expected);
        var a = File.ReadAllLines(actual);
        a.Should().HaveCount(e.Length);
        for (var i = 0; i < e.Length; i++)
        {
            using var ed = JsonDocument.Parse(e[i]);
            using var ad = JsonDocument.Parse(a[i]);
            JsonValueComparer.FirstDifference(ed.RootElement, ad.RootElement).Should().BeNull($"line {i + 1}");
        }
    }

    private static void CompareCsv(string expected, string actual, string delimiter)
    {
        var e = ReadCsv(expected, delimiter);
        var a = ReadCsv(actual, delimiter);
        File.ReadAllText(actual).Should().Contain("\r\n").And.NotMatchRegex("[^\r]\n(?=\")", "rows end with CRLF");
        a.Should().HaveCount(e.Count);
        a[0].Should().Equal(e[0], "the header");
        for (var row = 1; row < e.Count; row++)
        {
            a[row].Should().HaveCount(e[row].Length);
            for (var column = 0; column < e[row].Length; column++)
            {
                CellsEqual(e[row][column], a[row][column]).Should().BeTrue($"row {row}, column {e[0][column]}: expected <{e[row][column]}>, got <{a[row][column]}>");
            }
        }
    }

    private static bool CellsEqual(string expected, string actual)
    {
        if (expected == actual)
        {
            return true;
        }

        if (double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) && double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a))
        {
            return Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e));
        }

        if (expected.StartsWith('[') || expected.StartsWith('{'))
        {
            try
            {
                using var ed = JsonDocument.Parse(expected);
                using var ad = JsonDocument.Parse(actual);
                return JsonValueComparer.FirstDifference(ed.RootElement, ad.RootElement) is null;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        return false;
    }

    private static List<string[]> ReadCsv(string path, string delimiter)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, BadDataFound = null });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
