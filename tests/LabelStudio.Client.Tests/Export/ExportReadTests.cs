using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Client.Export;
using LabelStudio.Client.Tests.Infrastructure;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tests.Export;

/// <summary>Snapshots read straight into the Formats reader: streamed, complete, errors positioned.</summary>
public class ExportReadTests
{
    /// <summary>The download fixture's task repeated with ids 1..n (the fixture holds one task).</summary>
    private static string Export(int count)
    {
        var task = JsonNode.Parse(Responses.Fixture("exports__download__response.json"))![0]!;
        var tasks = new JsonArray();
        for (var id = 1; id <= count; id++)
        {
            var copy = task.DeepClone();
            copy["id"] = id;
            tasks.Add(copy);
        }

        return tasks.ToJsonString();
    }

    private static async Task<List<LabelStudioTask>> All(IAsyncEnumerable<LabelStudioTask> tasks)
    {
        var list = new List<LabelStudioTask>();
        await foreach (var task in tasks)
        {
            list.Add(task);
        }

        return list;
    }

    [Test]
    public async Task ReadTasksAsync_FixtureDownload_TheFileTasks()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/exports/3/download", () => Responses.FromFixture("exports__download__response.json"));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Exports.ReadTasksAsync(1, 3));

        var expected = JsonDocument.Parse(Responses.Fixture("exports__download__response.json")).RootElement;
        tasks.Select(t => t.Id).Should().Equal(expected.EnumerateArray().Select(e => (long?)e.GetProperty("id").GetInt64()));
        tasks[0].Annotations.Count.Should().Be(expected[0].GetProperty("annotations").GetArrayLength());
        handler.All.Single().PathAndQuery.Should().Be("/api/projects/1/exports/3/download", "JSON is the snapshot itself, no exportType");
    }

    [Test]
    public async Task ReadTasksAsync_ArrivingInSmallReads_AllTasks()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/exports/3/download", () => ChunkedContent.Response(Export(50), 13));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Exports.ReadTasksAsync(1, 3));

        tasks.Select(t => t.Id).Should().Equal(Enumerable.Range(1, 50).Select(i => (long?)i));
    }

    [Test]
    public async Task ReadTasksAsync_CutDownload_ErrorNamesTheTaskAfterTheLastWhole()
    {
        var body = Export(3);
        var cut = body[..(body.Length - 40)];
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/exports/3/download", () => Responses.Json(cut));
        using var test = new TestClient(handler);
        var seen = new List<long?>();

        var act = async () =>
        {
            await foreach (var task in test.Client.Exports.ReadTasksAsync(1, 3))
            {
                seen.Add(task.Id);
            }
        };

        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        seen.Should().Equal(1, 2);
        error.TaskIndex.Should().Be(2);
        error.ByteOffset.Should().BeGreaterThan(body.IndexOf("\"id\":3", StringComparison.Ordinal) - 10);
    }

    [Test]
    public async Task ReadTasksAsync_ProxyHtmlInsteadOfJson_ErrorAtByteZero()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/exports/3/download", () => Responses.Text("<html>502</html>", HttpStatusCode.OK, "text/html"));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => All(test.Client.Exports.ReadTasksAsync(1, 3))).Should().ThrowAsync<LabelStudioJsonException>()).Which;

        error.ByteOffset.Should().Be(0);
    }

    [Test]
    public async Task ExportTasksAsync_CreatesWaitsReadsAndDeletes()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/exports/", () => Responses.FromFixture("exports__create__response.json", HttpStatusCode.Created))
            .On(HttpMethod.Get, "/api/projects/1/exports/3/download", () => Responses.Json(Export(4)))
            .OnSequence(HttpMethod.Get, "/api/projects/1/exports/3", () => Responses.Json("{\"id\": 3, \"status\": \"in_progress\"}"), () => Responses.Json("{\"id\": 3, \"status\": \"completed\"}"))
            .On(HttpMethod.Delete, "/api/projects/1/exports/3", () => Responses.Status(HttpStatusCode.NoContent));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Exports.ExportTasksAsync(1, new ExportReadOptions { DeleteSnapshot = true }));

        tasks.Should().HaveCount(4);

        // exports__create__response.json answers status "created" (snapshot 3): poll until completed, download, then delete.
        handler.All.Select(r => $"{r.Method} {r.PathAndQuery}").Should().Equal(
            "POST /api/projects/1/exports/",
            "GET /api/projects/1/exports/3",
            "GET /api/projects/1/exports/3",
            "GET /api/projects/1/exports/3/download",
            "DELETE /api/projects/1/exports/3");
    }

    [Test]
    public async Task ExportTasksAsync_NotEnumerated_NoRequest()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);

        _ = test.Client.Exports.ExportTasksAsync(1);
        await Task.CompletedTask;

        handler.All.Should().BeEmpty();
    }
}
