using System.Text;
using LabelStudio.Formats.Tests.Conversion.ImageExport;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Tests.Conversion.Yolo;

/// <summary>
/// How label files are created: through open/write/close on Linux (no advisory lock, no lseek), through .NET's file
/// API elsewhere and whenever the short path fails, with the same result either way.
/// </summary>
public class LabelFileWriterTests
{
    private static readonly byte[] Line = "0 0.5 0.5 0.1 0.1\n"u8.ToArray();

    [Test]
    public void WriteManaged_NewFile_HoldsTheContent()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");

        LabelFileWriter.WriteManaged(path, Line, replace: false);

        File.ReadAllBytes(path).Should().Equal(Line);
    }

    [Test]
    public void WriteManaged_ReplaceOfALongerFile_LeavesOnlyTheNewContent()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");
        File.WriteAllText(path, "0 0.1 0.1 0.1 0.1\n0 0.2 0.2 0.2 0.2\n");

        LabelFileWriter.WriteManaged(path, Line, replace: true);

        File.ReadAllBytes(path).Should().Equal(Line, "an overwrite must not keep the tail of the earlier, longer file");
    }

    [Test]
    public void WriteManaged_ExistingFileNotAnnouncedAsReplace_IsStillReplaced()
    {
        // On a case-insensitive file system "A.txt" and "a.txt" are one file although the stems differ: CreateNew
        // fails there, and the writer must fall back to an overwrite, as File.WriteAllBytes did.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");
        File.WriteAllText(path, "old content that is longer\n");

        LabelFileWriter.WriteManaged(path, [], replace: false);

        new FileInfo(path).Length.Should().Be(0);
    }

    [Test]
    public void WriteManaged_MissingFolder_ThrowsNamingTheLabelFile()
    {
        using var work = new TempDirectory();

        var act = () => LabelFileWriter.WriteManaged(Path.Combine(work.Path, "nope", "a.txt"), [1], replace: false);

        act.Should().Throw<IOException>("a failed write must fail the export, which then leaves no output")
            .WithMessage("*labels/a.txt*").Which.Message.Should().NotContain(work.Path, "the staging folder is gone when the user reads this");
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_NewFile_HoldsTheContent()
    {
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");

        var created = LabelFileWriter.TryCreateNative(Terminated(path), Line);

        created.Should().BeTrue();
        File.ReadAllBytes(path).Should().Equal(Line);
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_EmptyContent_CreatesAnEmptyFile()
    {
        // Items without regions get an empty label file, as in the official converter.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");

        LabelFileWriter.TryCreateNative(Terminated(path), []).Should().BeTrue();

        new FileInfo(path).Length.Should().Be(0);
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_NonAsciiName_CreatesThatName()
    {
        // The path goes to the kernel as UTF-8, as .NET passes it: 日本.txt is the same name either way.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "\u65E5\u672C.txt");

        LabelFileWriter.TryCreateNative(Terminated(path), Line).Should().BeTrue();

        Directory.GetFiles(work.Path).Should().Equal(path);
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_ExistingFile_LeavesItToTheManagedWrite()
    {
        // O_EXCL: an existing file is neither opened nor changed here; the managed write then replaces it.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");
        File.WriteAllText(path, "old content that is longer\n");

        var created = LabelFileWriter.TryCreateNative(Terminated(path), Line);

        created.Should().BeFalse();
        File.ReadAllText(path).Should().Be("old content that is longer\n");
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_MissingFolder_ReturnsFalseAndCreatesNothing()
    {
        using var work = new TempDirectory();

        var created = LabelFileWriter.TryCreateNative(Terminated(Path.Combine(work.Path, "nope", "a.txt")), Line);

        created.Should().BeFalse();
        Directory.GetFileSystemEntries(work.Path).Should().BeEmpty();
    }

    [Test]
    [Platform("Linux")]
    public void TryCreateNative_NameLongerThanTheSystemAllows_ReturnsFalse()
    {
        // 252 three-byte characters + ".txt" = 760 bytes, over Linux's 255-byte name limit (ENAMETOOLONG): the
        // managed write then throws .NET's exception for it.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, new string('\u65E5', 252) + ".txt");

        LabelFileWriter.TryCreateNative(Terminated(path), Line).Should().BeFalse();
        var act = () => LabelFileWriter.WriteManaged(path, Line, replace: false);
        act.Should().Throw<IOException>().WithMessage("*labels/*.txt*");
    }

    [Test]
    public void TryCreateNative_PathWithoutTerminator_ReturnsFalse()
    {
        // Without its NUL the path would run on into the next bytes of the batch: refused, never opened.
        using var work = new TempDirectory();
        var path = Path.Combine(work.Path, "a.txt");

        LabelFileWriter.TryCreateNative(Encoding.UTF8.GetBytes(path), Line).Should().BeFalse();

        File.Exists(path).Should().BeFalse();
    }

    [Test]
    public void TryCreateNative_EmptyPath_ReturnsFalse()
    {
        LabelFileWriter.TryCreateNative("\0"u8, Line).Should().BeFalse();
    }

    [Test]
    public async Task QueueAsync_StemWithNul_IsRefusedAndWritesNothing()
    {
        // "a\0b" must not become the file "a" (open(2) would stop at the NUL): .NET's API refuses the name.
        using var work = new TempDirectory();
        var writer = new LabelFileWriter(work.Path);
        writer.Start(CancellationToken.None);

        await writer.QueueAsync("a\0b", Line, replace: false, CancellationToken.None);
        var act = () => writer.CompleteAsync(CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        Directory.GetFileSystemEntries(work.Path).Should().BeEmpty();
    }

    [Test]
    public async Task QueueAsync_ThreeHundredFilesAndARewrite_WritesEachWithItsLastContent()
    {
        // 300 files (two batches of 256 to the writer thread), then img0 again while img0's batch is gone: the
        // rewrite replaces the file; img299's rewrite within its own batch is folded into the waiting write.
        using var work = new TempDirectory();
        var writer = new LabelFileWriter(work.Path);
        writer.Start(CancellationToken.None);

        for (var i = 0; i < 300; i++)
        {
            await writer.QueueAsync($"img{i}", Encoding.UTF8.GetBytes($"{i}\n"), replace: false, CancellationToken.None);
        }

        await writer.QueueAsync("img299", "last\n"u8.ToArray(), replace: true, CancellationToken.None);
        await writer.QueueAsync("img0", [], replace: true, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        Directory.GetFiles(work.Path).Should().HaveCount(300);
        (await File.ReadAllTextAsync(Path.Combine(work.Path, "img1.txt"))).Should().Be("1\n");
        (await File.ReadAllTextAsync(Path.Combine(work.Path, "img298.txt"))).Should().Be("298\n");
        (await File.ReadAllTextAsync(Path.Combine(work.Path, "img299.txt"))).Should().Be("last\n");
        new FileInfo(Path.Combine(work.Path, "img0.txt")).Length.Should().Be(0);
    }

    private static byte[] Terminated(string path) => Encoding.UTF8.GetBytes(path + "\0");
}
