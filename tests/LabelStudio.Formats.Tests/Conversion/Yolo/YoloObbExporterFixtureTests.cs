using LabelStudio.Formats.Yolo;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

/// <summary>YOLO_OBB: our output equals the official converter's for every fixture case that has expected/YOLO_OBB.</summary>
[TestFixture]
public class YoloObbExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("YOLO_OBB");

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new YoloObbExporter(), caseName, work.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "YOLO_OBB");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }
}
