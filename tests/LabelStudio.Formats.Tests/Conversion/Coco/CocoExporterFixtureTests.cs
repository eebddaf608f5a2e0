using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Coco;

/// <summary>COCO: our output equals the official converter's for every fixture case that has expected/COCO.</summary>
[TestFixture]
public class CocoExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("COCO");

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new CocoExporter(), caseName, work.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "COCO");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }
}
