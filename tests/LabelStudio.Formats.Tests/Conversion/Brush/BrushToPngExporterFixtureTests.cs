using LabelStudio.Formats.Brush;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Brush;

/// <summary>BRUSH_TO_PNG: our output equals the official converter's for every fixture case that has expected/BRUSH_TO_PNG.</summary>
[TestFixture]
public class BrushToPngExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("BRUSH_TO_PNG");

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new BrushToPngExporter(), caseName, work.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "BRUSH_TO_PNG");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }
}
