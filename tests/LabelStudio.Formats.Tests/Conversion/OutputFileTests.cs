using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Tests.Conversion.ImageExport;

namespace LabelStudio.Formats.Tests.Conversion;

public sealed class OutputFileTests
{
    [Test]
    public async Task Create_NewPath_CreatesTheFile()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "result.json");

        await using (var stream = OutputFile.Create(path, 1, FileOptions.Asynchronous))
        {
            await stream.WriteAsync("new"u8.ToArray());
        }

        (await File.ReadAllTextAsync(path)).Should().Be("new");
    }

    [Test]
    public async Task Create_LongerFileAlreadyThere_ReplacesAllOfIt()
    {
        // A leftover from an earlier run, longer than what is written now: nothing of it may remain.
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, ".annotations.part");
        await File.WriteAllTextAsync(path, "an earlier, longer content");

        await using (var stream = OutputFile.Create(path, 1 << 16, FileOptions.Asynchronous))
        {
            await stream.WriteAsync("short"u8.ToArray());
        }

        (await File.ReadAllTextAsync(path)).Should().Be("short");
    }

    [Test]
    public async Task Create_ReadWriteAccess_CanReadBackWhatItWrote()
    {
        // The ASR exporter copies audio and reads it back through the same handle.
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "audio.wav");
        await File.WriteAllTextAsync(path, "stale");

        await using var stream = OutputFile.Create(path, 1 << 16, FileOptions.Asynchronous, FileAccess.ReadWrite);
        await stream.WriteAsync("abc"u8.ToArray());
        stream.Position = 0;
        var buffer = new byte[8];
        var read = await stream.ReadAsync(buffer);

        buffer.AsSpan(0, read).ToArray().Should().Equal("abc"u8.ToArray());
    }

    [Test]
    public void Create_PathIsADirectory_Throws()
    {
        using var directory = new TempDirectory();

        var create = () => OutputFile.Create(directory.Path, 1, FileOptions.None);

        create.Should().Throw<UnauthorizedAccessException>();
    }
}
