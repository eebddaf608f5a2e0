using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion.Coco;

public sealed class PartFileCopyTests
{
    // Sizes around the kernel copy's chunk (32 MB) and the stream copy's buffer, plus the empty and tiny cases.
    [TestCase(0, true)]
    [TestCase(1, true)]
    [TestCase(100_003, true)]
    [TestCase((32 << 20) + 17, true)]
    [TestCase(0, false)]
    [TestCase(100_003, false)]
    public async Task AppendAsync_AfterAPrefix_WritesPrefixPartAndSuffixInOrder(int size, bool kernelCopy)
    {
        using var directory = new TempDirectory();
        var part = Path.Combine(directory.Path, "part");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        await File.WriteAllBytesAsync(part, bytes);
        var result = Path.Combine(directory.Path, "result");

        await using (var destination = new FileStream(result, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await destination.WriteAsync("prefix"u8.ToArray());
            await PartFileCopy.AppendAsync(part, destination, kernelCopy, CancellationToken.None);
            destination.Position.Should().Be(6 + size);
            await destination.WriteAsync("suffix"u8.ToArray());
        }

        var written = await File.ReadAllBytesAsync(result);
        written.Should().Equal([.. "prefix"u8.ToArray(), .. bytes, .. "suffix"u8.ToArray()]);
    }

    [Test]
    public async Task AppendAsync_Cancelled_Throws()
    {
        using var directory = new TempDirectory();
        var part = Path.Combine(directory.Path, "part");
        await File.WriteAllBytesAsync(part, new byte[1000]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var destination = new FileStream(Path.Combine(directory.Path, "result"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);

        var append = () => PartFileCopy.AppendAsync(part, destination, kernelCopy: true, cancelled.Token);

        await append.Should().ThrowAsync<OperationCanceledException>();
    }
}
