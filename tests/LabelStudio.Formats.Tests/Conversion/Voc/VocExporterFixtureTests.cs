using LabelStudio.Formats.Voc;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Voc;

/// <summary>VOC: our output equals the official converter's for every fixture case that has expected/VOC.</summary>
[TestFixture]
public class VocExporterFixtureTests
{
    private static IEnumerable<TestCaseData> FixtureCases() => ImageExportHarness.Cases("VOC");

    [TestCaseSource(nameof(FixtureCases))]
    public async Task ExportAsync_FixtureCase_MatchesOfficialOutput(string caseName)
    {
        using var work = new TempDirectory();

        var output = await ImageExportHarness.RunCaseAsync(new VocExporter(), caseName, work.Path);

        var expected = System.IO.Path.Combine(ImageExportHarness.CaseDirectory(caseName), "expected", "VOC");
        ImageExportHarness.Compare(expected, output).Should().BeEmpty();
    }
}
