using LabelStudio.Config;
using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

/// <summary>
/// Moving a finished export into an output folder that already holds files: the export's entries replace or join the
/// folder's, the folder's other entries stay. The YOLO export of yolo_bbox_two_annotators writes classes.txt,
/// notes.json, labels/718f1d05__image1.txt, labels/eee3b1dc__image2.txt and an empty images/ (the official output in
/// expected/YOLO).
/// </summary>
public partial class ExportRunnerTests
{
    private static readonly string YoloCase = Fixtures.Path("Formats/yolo_bbox_two_annotators");

    [Test]
    public async Task RunAsync_OutputHoldsOtherFiles_AddsTheExportAndKeepsThem()
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(Path.Combine(output, "old"));
        await File.WriteAllTextAsync(Path.Combine(output, "keep.txt"), "mine");
        await File.WriteAllTextAsync(Path.Combine(output, "old", "a.txt"), "old a");

        await RunYoloAsync(output);

        (await File.ReadAllTextAsync(Path.Combine(output, "keep.txt"))).Should().Be("mine");
        (await File.ReadAllTextAsync(Path.Combine(output, "old", "a.txt"))).Should().Be("old a");
        await ShouldHoldTheOfficialLabelsAsync(output);
        Directory.GetFiles(Path.Combine(output, "labels")).Should().HaveCount(2);
        Directory.Exists(Path.Combine(output, "images")).Should().BeTrue("the empty images folder moves too");
        Directory.GetFileSystemEntries(_work).Should().Equal([output], "the staging folder is gone");
    }

    [Test]
    public async Task RunAsync_OutputHoldsEntriesOfTheSameNames_ReplacesTheFilesAndMergesTheFolders()
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(Path.Combine(output, "labels", "nested"));
        await File.WriteAllTextAsync(Path.Combine(output, "classes.txt"), "stale");
        await File.WriteAllTextAsync(Path.Combine(output, "labels", "718f1d05__image1.txt"), "stale");
        await File.WriteAllTextAsync(Path.Combine(output, "labels", "from-an-older-run.txt"), "older");
        await File.WriteAllTextAsync(Path.Combine(output, "labels", "nested", "x.txt"), "x");

        await RunYoloAsync(output);

        await ShouldHoldTheOfficialLabelsAsync(output);
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "from-an-older-run.txt"))).Should().Be("older");
        (await File.ReadAllTextAsync(Path.Combine(output, "labels", "nested", "x.txt"))).Should().Be("x");
        Directory.GetFileSystemEntries(_work).Should().Equal([output]);
    }

    [Test]
    public async Task RunAsync_OutputHasAFileWhereTheExportHasAFolder_ThrowsAndMovesNothing()
    {
        // "labels" is a file in the output; the export's classes.txt and notes.json must not have moved either.
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "labels"), "a file");

        var act = () => RunYoloAsync(output);

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain("labels");
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Should().Equal("labels");
        Directory.GetFileSystemEntries(_work).Should().Equal([output], "the staging folder is removed after a failure");
    }

    [Test]
    public async Task RunAsync_OutputHasAFolderWhereTheExportHasAFile_ThrowsAndMovesNothing()
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(Path.Combine(output, "labels", "718f1d05__image1.txt"));

        var act = () => RunYoloAsync(output);

        await act.Should().ThrowAsync<IOException>();
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Should().Equal("labels");
        Directory.GetFileSystemEntries(Path.Combine(output, "labels")).Select(Path.GetFileName).Should().Equal("718f1d05__image1.txt");
    }

    private static async Task RunYoloAsync(string output)
    {
        var config = LabelConfig.Parse(await File.ReadAllTextAsync(Path.Combine(YoloCase, "config.xml")));
        await using var input = File.OpenRead(Path.Combine(YoloCase, "export.json"));
        await new ExportRunner().RunAsync(input, ExportFormat.Yolo, output, new ExportRunOptions { Config = config });
    }

    private static async Task ShouldHoldTheOfficialLabelsAsync(string output)
    {
        var expected = Path.Combine(YoloCase, "expected", "YOLO");
        foreach (var name in new[] { "classes.txt", "labels/718f1d05__image1.txt", "labels/eee3b1dc__image2.txt" })
        {
            (await File.ReadAllTextAsync(Path.Combine(output, name))).Should().Be(await File.ReadAllTextAsync(Path.Combine(expected, name)), name);
        }
    }
}
