using LabelStudio.Formats.Voc;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Voc;

/// <summary>VOC: our output equals the official converter's for every fixture case that has expected/VOC.</summary>
[TestFixture]
public class VocExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("VOC", ImageExportHarnessExclusions.For("VOC"));

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var output = new TempDirectory();

        await ImageExportHarness.RunAsync(new VocExporter(), caseName, output.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "VOC");
        ImageExportHarness.Compare(expected, output.Path).Should().BeEmpty();
    }
}
