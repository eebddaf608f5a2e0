using LabelStudio.Formats.Yolo;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

/// <summary>YOLO: our output equals the official converter's for every fixture case that has expected/YOLO.</summary>
[TestFixture]
public class YoloExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("YOLO");

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new YoloExporter(), caseName, work.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "YOLO");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }
}
