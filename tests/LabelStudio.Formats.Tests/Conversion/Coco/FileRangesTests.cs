using LabelStudio.Formats.Coco;
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

    [Test]
    public void Probe_Directory_LeavesNoFile()
    {
        using var directory = new TempDirectory();

        FileRanges.Probe(directory.Path);

        Directory.EnumerateFileSystemEntries(directory.Path).Should().BeEmpty();
    }
}
