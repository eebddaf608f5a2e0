using System.Text.Json;
using LabelStudio.MlBackend.State;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudio.MlBackend.Tests;

public class FileProjectStateStoreTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("ls-state-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task GetAsync_NothingStored_ReturnsNull()
    {
        using var store = new FileProjectStateStore(_root);

        (await store.GetAsync("3")).Should().BeNull();
    }

    [Test]
    public async Task GetAsync_SecondCall_AnswersFromMemoryNotFromDisk()
    {
        // /predict reads the state on every call: after the first read the store must not touch the disk again.
        using (var writer = new FileProjectStateStore(_root))
        {
            await writer.SaveAsync(new ProjectState { ProjectId = "5", ModelVersion = "0.0.9" });
        }

        using var store = new FileProjectStateStore(_root);
        (await store.GetAsync("5"))!.ModelVersion.Should().Be("0.0.9");

        // Garbage on disk now; a store that re-read the file would throw InvalidDataException.
        await File.WriteAllTextAsync(Path.Combine(_root, "projects", "5", "state.json"), "not json");
        (await store.GetAsync("5"))!.ModelVersion.Should().Be("0.0.9");

        // Its own writes are seen at once.
        await store.UpdateAsync("5", s => s! with { ModelVersion = "0.1.0" });
        (await store.GetAsync("5"))!.ModelVersion.Should().Be("0.1.0");
    }

    [Test]
    public async Task SaveAsync_ThenNewStoreOnSameFolder_ReadsSameState()
    {
        var extra = JsonDocument.Parse("""{"threshold": 0.5, "labels": ["a", "b"]}""").RootElement.Clone();
        var state = new ProjectState
        {
            ProjectId = "3",
            ModelVersion = "0.0.2",
            ModelVersions = ["0.0.1", "0.0.2"],
            ExtraParams = extra,
            UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
        using (var store = new FileProjectStateStore(_root))
        {
            await store.SaveAsync(state);
        }

        // A restart: a new store over the same data folder.
        using var reopened = new FileProjectStateStore(_root);
        var read = await reopened.GetAsync("3");

        read.Should().NotBeNull();
        read!.ModelVersion.Should().Be("0.0.2");
        read.ModelVersions.Should().Equal("0.0.1", "0.0.2");
        read.UpdatedAt.Should().Be(state.UpdatedAt);
        read.ExtraParams!.Value.GetProperty("threshold").GetDouble().Should().Be(0.5);
        read.ExtraParams.Value.GetProperty("labels").EnumerateArray().Select(e => e.GetString()).Should().Equal("a", "b");
    }

    [Test]
    public async Task UpdateAsync_StampsTimeFromTimeProvider_AndLeavesNoTemporaryFiles()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));
        using var store = new FileProjectStateStore(_root, time);

        var updated = await store.UpdateAsync("9", s => (s ?? new ProjectState { ProjectId = "9" }).WithModelVersion("1.0.0", time.GetUtcNow()));

        updated.UpdatedAt.Should().Be(time.GetUtcNow());
        updated.ModelVersions.Should().Equal(ProjectState.InitialModelVersion, "1.0.0");
        Directory.GetFiles(Path.Combine(_root, "projects", "9")).Select(Path.GetFileName).Should().Equal("state.json");
    }

    [Test]
    public async Task UpdateAsync_ConcurrentUpdatesOfOneProject_NoneIsLost()
    {
        using var store = new FileProjectStateStore(_root);
        const int Updates = 40;

        // Each update appends one version; if two updates interleaved read-modify-write, a version would be lost.
        await Task.WhenAll(Enumerable.Range(1, Updates).Select(i => Task.Run(() =>
            store.UpdateAsync("5", s => (s ?? new ProjectState { ProjectId = "5" }).WithModelVersion($"v{i}", DateTimeOffset.UnixEpoch)))));

        var final = await store.GetAsync("5");
        final!.ModelVersions.Should().HaveCount(Updates + 1, "the initial version plus one per update");
    }

    [TestCase("../1")]
    [TestCase("1/../../x")]
    [TestCase("/etc")]
    [TestCase("01")]
    [TestCase("")]
    public async Task GetAsync_ProjectIdThatIsNotCanonical_ThrowsArgumentException(string projectId)
    {
        using var store = new FileProjectStateStore(_root);

        await store.Invoking(s => s.GetAsync(projectId)).Should().ThrowAsync<ArgumentException>();
        store.Invoking(s => s.GetModelDirectory(projectId)).Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task GetAsync_CorruptStateFile_ThrowsInvalidDataNamingTheFile()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "projects", "4"));
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "state.json"), "{\"project_id\": \"4\", \"model_vers");
        using var store = new FileProjectStateStore(_root);

        var thrown = await store.Invoking(s => s.GetAsync("4")).Should().ThrowAsync<InvalidDataException>();
        thrown.Which.Message.Should().Contain("project 4").And.Contain("state.json");
    }

    [Test]
    public async Task GetAsync_StateFileOfAnotherProject_ThrowsInvalidData()
    {
        using (var store = new FileProjectStateStore(_root))
        {
            await store.SaveAsync(new ProjectState { ProjectId = "8" });
        }

        Directory.CreateDirectory(Path.Combine(_root, "projects", "2"));
        File.Copy(Path.Combine(_root, "projects", "8", "state.json"), Path.Combine(_root, "projects", "2", "state.json"));
        using var reopened = new FileProjectStateStore(_root);

        await reopened.Invoking(s => s.GetAsync("2")).Should().ThrowAsync<InvalidDataException>();
    }

    [Test]
    public void GetModelDirectory_CreatesFolderInsideDataDirectory()
    {
        using var store = new FileProjectStateStore(_root);

        var directory = store.GetModelDirectory("11");

        Directory.Exists(directory).Should().BeTrue();
        Path.GetFullPath(directory).Should().StartWith(Path.GetFullPath(_root) + Path.DirectorySeparatorChar);
    }
}
