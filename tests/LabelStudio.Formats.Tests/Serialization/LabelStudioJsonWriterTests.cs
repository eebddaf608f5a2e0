using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

public class LabelStudioJsonWriterTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ls-writer-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task WriteTasksToFileAsync_SourceFailsMidway_LeavesTheOldFileAndNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "export.json");
        await File.WriteAllTextAsync(path, "old");

        var act = () => LabelStudioJson.WriteTasksToFileAsync(path, FailingAfterOne());

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await File.ReadAllTextAsync(path)).Should().Be("old");
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Test]
    public async Task WriteTasksToFileAsync_Cancelled_CreatesNothing()
    {
        var path = Path.Combine(_folder, "export.json");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => LabelStudioJson.WriteTasksToFileAsync(path, Tasks(3), cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.GetFiles(_folder).Should().BeEmpty();
    }

    [Test]
    public async Task WriteTasksToFileAsync_ThreeTasks_WritesACompleteArray()
    {
        var path = Path.Combine(_folder, "export.json");

        await LabelStudioJson.WriteTasksToFileAsync(path, Tasks(3));

        (await File.ReadAllTextAsync(path)).Should().Be("""[{"id":1,"data":{"n":1}},{"id":2,"data":{"n":2}},{"id":3,"data":{"n":3}}]""");
    }

    [Test]
    public async Task CompleteAsync_NoTasks_WritesAnEmptyArray()
    {
        using var output = new MemoryStream();
        await using (var writer = new LabelStudioJsonWriter(output))
        {
            await writer.CompleteAsync();
        }

        Encoding.UTF8.GetString(output.ToArray()).Should().Be("[]");
    }

    [Test]
    public async Task WriteAsync_AfterComplete_Throws()
    {
        using var output = new MemoryStream();
        await using var writer = new LabelStudioJsonWriter(output);
        await writer.CompleteAsync();

        var act = () => writer.WriteAsync(new LabelStudioTask());

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Test]
    public async Task WriteAsync_NonAsciiText_IsWrittenAsIs()
    {
        // Label Studio writes non-ASCII text unescaped; so do we.
        using var output = new MemoryStream();
        await using (var writer = new LabelStudioJsonWriter(output))
        {
            await writer.WriteAsync(new LabelStudioTask { Data = new JsonObject { ["text"] = "Zürich – 東京" } });
            await writer.CompleteAsync();
        }

        Encoding.UTF8.GetString(output.ToArray()).Should().Be("""[{"data":{"text":"Zürich – 東京"}}]""");
    }

    private static async IAsyncEnumerable<LabelStudioTask> Tasks(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new LabelStudioTask { Id = i, Data = new JsonObject { ["n"] = i } };
        }
    }

    private static async IAsyncEnumerable<LabelStudioTask> FailingAfterOne()
    {
        await Task.Yield();
        yield return new LabelStudioTask { Id = 1 };
        throw new InvalidOperationException("source failed");
    }
}
