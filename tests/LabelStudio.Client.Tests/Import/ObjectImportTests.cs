using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.Client.Import;
using LabelStudio.Client.Tests.Infrastructure;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tests.Import;

/// <summary>Importing task and prediction objects: the body the Formats writer produces, chunks, progress, failures, asynchronous imports.</summary>
public class ObjectImportTests
{
    private static List<LabelStudioTask> FixtureTasks()
    {
        using var stream = File.OpenRead(Responses.FixturePath("import__tasks_with_predictions__request.json"));
        return [.. LabelStudioJson.ReadTasks(stream)];
    }

    private static List<LabelStudioTask> TextTasks(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new LabelStudioTask { Data = new JsonObject { ["text"] = $"t{i}" } })];

    private static string Counts(int tasks) => $"{{\"task_count\": {tasks}, \"annotation_count\": 0, \"prediction_count\": {tasks}}}";

    private static async IAsyncEnumerable<LabelStudioTask> Async(IEnumerable<LabelStudioTask> tasks)
    {
        foreach (var task in tasks)
        {
            await Task.Yield();
            yield return task;
        }
    }

    [Test]
    public async Task ImportTasksAsync_FixtureTasks_BodyIsTheFixtureAndCountsFromTheAnswer()
    {
        long? contentLength = null;
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", (request, _) =>
        {
            contentLength = request.Content!.Headers.ContentLength;
            return Task.FromResult(Responses.FromFixture("import__tasks__response.json", HttpStatusCode.Created));
        });
        using var test = new TestClient(handler);

        var result = await test.Client.Import.ImportTasksAsync(1, FixtureTasks(), new TaskImportOptions { ReturnTaskIds = true });

        var sent = handler.All.Single();
        JsonNode.DeepEquals(JsonNode.Parse(sent.Body!), JsonNode.Parse(Responses.Fixture("import__tasks_with_predictions__request.json"))).Should().BeTrue(sent.Body);
        sent.PathAndQuery.Should().Be("/api/projects/1/import?return_task_ids=true");
        contentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(sent.Body!), "the body goes with its length, not chunked (Django's development server ignores chunked bodies)");

        // import__tasks__response.json: task_count 1, task_ids [205].
        result.TasksSent.Should().Be(2);
        result.TaskCount.Should().Be(1);
        result.TaskIds.Should().Equal(205);
        result.Chunks.Should().ContainSingle();
    }

    [Test]
    public async Task ImportTasksAsync_FiveTasksInChunksOfTwo_ThreeRequestsAndProgress()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", (request, ct) =>
        {
            var count = JsonNode.Parse(request.Content!.ReadAsStringAsync(ct).Result)!.AsArray().Count;
            return Task.FromResult(Responses.Json(Counts(count), HttpStatusCode.Created));
        });
        using var test = new TestClient(handler);
        var reports = new List<ImportProgress>();

        var result = await test.Client.Import.ImportTasksAsync(1, Async(TextTasks(5)), new TaskImportOptions { ChunkSize = 2, Progress = new SynchronousProgress<ImportProgress>(reports.Add) });

        handler.All.Select(r => JsonNode.Parse(r.Body!)!.AsArray().Select(t => t!["data"]!["text"]!.GetValue<string>()).ToList())
            .Should().BeEquivalentTo(new[] { new[] { "t0", "t1" }, new[] { "t2", "t3" }, new[] { "t4" } }, o => o.WithStrictOrdering());
        reports.Select(r => (r.ItemsSent, r.ChunksDone, r.TasksCreated, r.PredictionsCreated)).Should().Equal((2, 1, 2, 2), (4, 2, 4, 4), (5, 3, 5, 5));
        result.TaskCount.Should().Be(5);
        result.PredictionCount.Should().Be(5);
        result.Chunks.Should().HaveCount(3);
    }

    [Test]
    public async Task ImportTasksAsync_ExactMultipleOfChunkSize_NoEmptyLastRequest()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", () => Responses.Json(Counts(2), HttpStatusCode.Created));
        using var test = new TestClient(handler);

        var result = await test.Client.Import.ImportTasksAsync(1, TextTasks(4), new TaskImportOptions { ChunkSize = 2 });

        handler.All.Should().HaveCount(2);
        result.TasksSent.Should().Be(4);
    }

    [Test]
    public async Task ImportTasksAsync_NoTasks_NoRequest()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);

        var result = await test.Client.Import.ImportTasksAsync(1, Array.Empty<LabelStudioTask>());

        handler.All.Should().BeEmpty();
        result.TasksSent.Should().Be(0);
    }

    [Test]
    public async Task ImportTasksAsync_SecondChunkFails_ExceptionNamesTheRangeAndWhatWasImported()
    {
        var handler = new RecordingHandler().OnSequence(
            HttpMethod.Post,
            "/api/projects/1/import",
            () => Responses.Json(Counts(2), HttpStatusCode.Created),
            () => Responses.FromFixture("errors__server_error__response.json", HttpStatusCode.InternalServerError));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => test.Client.Import.ImportTasksAsync(1, TextTasks(5), new TaskImportOptions { ChunkSize = 2 }))
            .Should().ThrowAsync<LabelStudioImportException>()).Which;

        // Chunk 1 held tasks 2 and 3; chunk 0 had created 2 tasks. The failed chunk is not replayed and nothing after it is sent.
        error.ChunkIndex.Should().Be(1);
        error.FirstItemIndex.Should().Be(2);
        error.LastItemIndex.Should().Be(3);
        error.ItemsImported.Should().Be(2);
        error.Message.Should().Contain("tasks 2 to 3");
        error.InnerException.Should().BeAssignableTo<LabelStudioApiException>();
        handler.All.Should().HaveCount(2);
    }

    [Test]
    public async Task ImportTasksAsync_AsynchronousAnswer_PolledAndCounted()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks_async__response.json", HttpStatusCode.Created))
            .OnSequence(
                HttpMethod.Get,
                "/api/projects/1/imports/2439745/",
                () => Responses.Json("{\"id\": 2439745, \"status\": \"in_progress\"}"),
                () => Responses.Json("{\"id\": 2439745, \"status\": \"completed\", \"task_count\": 3, \"annotation_count\": 1, \"prediction_count\": 0, \"task_ids\": [7, 8, 9]}"));
        using var test = new TestClient(handler);

        var result = await test.Client.Import.ImportTasksAsync(1, TextTasks(3), new TaskImportOptions { ReturnTaskIds = true });

        result.TaskCount.Should().Be(3);
        result.AnnotationCount.Should().Be(1);
        result.TaskIds.Should().Equal(7, 8, 9);
    }

    [Test]
    public async Task ImportTasksAsync_AsynchronousImportFails_ImportExceptionWithTheJobError()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks_async__response.json", HttpStatusCode.Created))
            .On(HttpMethod.Get, "/api/projects/1/imports/2439745/", () => Responses.Json("{\"id\": 2439745, \"status\": \"failed\", \"error\": \"Data item 0 has no 'text'\"}"));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => test.Client.Import.ImportTasksAsync(1, TextTasks(3)))
            .Should().ThrowAsync<LabelStudioImportException>()).Which;

        error.FirstItemIndex.Should().Be(0);
        error.LastItemIndex.Should().Be(2);
        error.ItemsImported.Should().Be(0);
        error.InnerException.Should().BeOfType<LabelStudioJobException>().Which.Detail.Should().Contain("no 'text'");
    }

    [Test]
    public void ImportTasksAsync_ChunkSizeZero_Rejected()
    {
        using var test = new TestClient(new RecordingHandler());

        FluentActions.Awaiting(() => test.Client.Import.ImportTasksAsync(1, TextTasks(1), new TaskImportOptions { ChunkSize = 0 })).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task ImportPredictionsAsync_FixturePrediction_BodyAndCreatedCount()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import/predictions", () => Responses.Json("{\"created\": 1}", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        var prediction = LabelStudioJson.DeserializePrediction(File.ReadAllBytes(Responses.FixturePath("predictions__create__request.json")));

        var result = await test.Client.Import.ImportPredictionsAsync(1, [prediction]);

        var expected = new JsonArray(JsonNode.Parse(Responses.Fixture("predictions__create__request.json")));
        JsonNode.DeepEquals(JsonNode.Parse(handler.All.Single().Body!), expected).Should().BeTrue(handler.All.Single().Body);
        result.Created.Should().Be(1);
        result.Chunks.Should().Be(1);
    }

    [Test]
    public async Task ImportPredictionsAsync_EmptyResults_SentWithEmptyResultList()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import/predictions", () => Responses.Json("{\"created\": 1}", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        await test.Client.Import.ImportPredictionsAsync(1, [new Prediction { Task = 4, ModelVersion = "v0" }]);

        JsonNode.Parse(handler.All.Single().Body!)![0]!["result"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task ImportPredictionsAsync_MissingTaskId_RejectedNamingTheIndexBeforeSending()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => test.Client.Import.ImportPredictionsAsync(1, [new Prediction { Task = 1 }, new Prediction { ModelVersion = "v" }]))
            .Should().ThrowAsync<ArgumentException>()).Which;

        error.Message.Should().Contain("Prediction 1");
        handler.All.Should().BeEmpty();
    }

    [Test]
    public async Task ImportPredictionsAsync_SecondChunkRejected_ImportException()
    {
        var handler = new RecordingHandler().OnSequence(
            HttpMethod.Post,
            "/api/projects/1/import/predictions",
            () => Responses.Json("{\"created\": 2}", HttpStatusCode.Created),
            () => Responses.Json("{\"detail\": \"Task 99 not found\"}", HttpStatusCode.BadRequest));
        using var test = new TestClient(handler);
        var predictions = Enumerable.Range(1, 3).Select(i => new Prediction { Task = i }).ToList();

        var error = (await FluentActions.Awaiting(() => test.Client.Import.ImportPredictionsAsync(1, predictions, new PredictionImportOptions { ChunkSize = 2 }))
            .Should().ThrowAsync<LabelStudioImportException>()).Which;

        error.ChunkIndex.Should().Be(1);
        error.FirstItemIndex.Should().Be(2);
        error.LastItemIndex.Should().Be(2);
        error.ItemsImported.Should().Be(2);
        error.InnerException.Should().BeOfType<LabelStudioValidationException>();
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
