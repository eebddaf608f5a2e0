using LabelStudio.Formats.Yolo;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

/// <summary>YOLO: our output equals the official converter's for every fixture case that has expected/YOLO.</summary>
[TestFixture]
public class YoloExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("YOLO", ImageExportHarnessExclusions.For("YOLO"));

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var output = new TempDirectory();

        await ImageExportHarness.RunAsync(new YoloExporter(), caseName, output.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "YOLO");
        ImageExportHarness.Compare(expected, output.Path).Should().BeEmpty();
    }
}
