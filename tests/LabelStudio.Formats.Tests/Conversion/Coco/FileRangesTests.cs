using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Coco;

/// <summary>
/// The gap-opening calls. Whether this file system supports them is not assumed: each test asserts what holds
/// either way (a refused call leaves the file unchanged), and what a successful call must have done.
/// </summary>
[TestFixture]
public class FileRangesTests
{
    [Test]
    public void TryInsertAtStart_FileOfTwoBlocks_GapReadsAsZerosBeforeTheData()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "data");
        bool inserted;
        long block;
        var data = new byte[8192];
        new Random(7).NextBytes(data);
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            RandomAccess.Write(handle, data, 0);
            block = FileRanges.BlockSize(handle);
            inserted = FileRanges.TryInsertAtStart(handle, block);
        }

        var written = File.ReadAllBytes(path);
        if (inserted)
        {
            written.Should().Equal([.. new byte[block], .. data]);
            FileRanges.Probe(directory.Path).Should().BeTrue("the probe opens the same kind of gap");
        }
        else
        {
            written.Should().Equal(data);
        }
    }

    [Test]
    public void TryInsertAtStart_EmptyFile_ReturnsFalseAndLeavesItEmpty()
    {
        // A gap must start before the end of the file: an empty file has no place for one.
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "empty");
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            FileRanges.TryInsertAtStart(handle, 4096).Should().BeFalse();
        }

        new FileInfo(path).Length.Should().Be(0);
    }

    [TestCase(100)]
    [TestCase(0)]
    [TestCase(-4096)]
    public void TryInsertAtStart_LengthNotWholeBlocks_ReturnsFalseAndLeavesTheFile(long length)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "data");
        var data = new byte[8192];
        new Random(3).NextBytes(data);
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            RandomAccess.Write(handle, data, 0);
            FileRanges.TryInsertAtStart(handle, length).Should().BeFalse();
        }

        File.ReadAllBytes(path).Should().Equal(data);
    }

    [Test]
    public void BlockSize_FileHere_IsZeroOrAPowerOfTwo()
    {
        using var directory = new TempDirectory();
        using var handle = File.OpenHandle(Path.Combine(directory.Path, "f"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);

        var block = FileRanges.BlockSize(handle);

        (block == 0 || (block >= 512 && (block & (block - 1)) == 0)).Should().BeTrue($"{block} is not a block size");
    }

    [Test]
    public void Probe_MissingDirectory_ReturnsFalse() =>
        FileRanges.Probe(Path.Combine(Path.GetTempPath(), "ls-no-such-dir-" + Guid.NewGuid().ToString("N"))).Should().BeFalse();

    [TestCase(true, TestName = "Probe_Directory_LeavesNoFile(unnamed scratch file)")]
    [TestCase(false, TestName = "Probe_Directory_LeavesNoFile(named scratch file)")]
    public void Probe_Directory_LeavesNoFile(bool allowUnnamed)
    {
        using var directory = new TempDirectory();

        FileRanges.Probe(directory.Path, allowUnnamed);

        Directory.EnumerateFileSystemEntries(directory.Path).Should().BeEmpty();
    }

    [Test]
    public void Probe_NamedScratchFileOfAnEarlierRunLeftBehind_ReplacedAndRemoved()
    {
        // A process killed during a named probe leaves .insert-range.probe: the next named probe reuses the name
        // (FileMode.Create) and deletes it on close.
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, ".insert-range.probe"), "left over");

        FileRanges.Probe(directory.Path, allowUnnamed: false);

        Directory.EnumerateFileSystemEntries(directory.Path).Should().BeEmpty();
    }

    public static IEnumerable<TestCaseData> FileSystems()
    {
        yield return new TestCaseData(Path.GetTempPath()).SetArgDisplayNames("temp folder");

        // tmpfs on Linux: no range insertion there, which both probes must find.
        yield return new TestCaseData("/dev/shm").SetArgDisplayNames("dev-shm");
    }

    [TestCaseSource(nameof(FileSystems))]
    public void Probe_UnnamedAndNamedScratchFile_SameDecision(string root)
    {
        Assume.That(Directory.Exists(root), $"{root} is not on this machine");
        var directory = Path.Combine(root, "ls-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var unnamed = FileRanges.Probe(directory, allowUnnamed: true);
            var named = FileRanges.Probe(directory, allowUnnamed: false);

            unnamed.Should().Be(named, "the scratch file's name does not change what its file system supports");
            Directory.EnumerateFileSystemEntries(directory).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void OpenUnnamed_LinuxFolder_FileWithoutANameThatReadsBack()
    {
        Assume.That(OperatingSystem.IsLinux(), "O_TMPFILE is Linux's");
        using var directory = new TempDirectory();

        using var handle = LibC.OpenUnnamed(directory.Path);

        // Some file systems refuse O_TMPFILE (the probe then takes the named file); this machine's temp folder is ext4
        // or tmpfs, which both have it since Linux 3.11.
        handle.Should().NotBeNull();
        RandomAccess.Write(handle!, "abc"u8, 0);
        var back = new byte[3];
        RandomAccess.Read(handle!, back, 0).Should().Be(3);
        back.Should().Equal("abc"u8.ToArray());
        Directory.EnumerateFileSystemEntries(directory.Path).Should().BeEmpty();
    }

    [Test]
    public void OpenUnnamed_MissingFolderOrAFile_Null()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "plain");
        File.WriteAllText(file, "x");

        LibC.OpenUnnamed(Path.Combine(directory.Path, "missing")).Should().BeNull();
        LibC.OpenUnnamed(file).Should().BeNull("a file is not a folder to create one in (ENOTDIR)");
        LibC.OpenUnnamed("bad\0name").Should().BeNull();
    }
}
