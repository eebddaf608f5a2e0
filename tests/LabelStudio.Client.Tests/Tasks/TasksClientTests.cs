using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using LabelStudio.Client.DataManager;
using LabelStudio.Client.Tasks;
using LabelStudio.Client.Tests.Infrastructure;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tests.Tasks;

/// <summary>The task lists (Data Manager envelope and project plain array) and task CRUD, against fixture bodies.</summary>
public class TasksClientTests
{
    private static JsonObject FixtureObject(string name) => JsonNode.Parse(Responses.Fixture(name))!.AsObject();

    private static JsonArray FixtureArray(string name) => JsonNode.Parse(Responses.Fixture(name))!.AsArray();

    /// <summary>A full task as <c>fields=all</c> returns it: the created task of the fixture with the fixture annotation and prediction attached, plus a member no version of the model knows.</summary>
    private static JsonObject CompleteTask(long id)
    {
        var task = FixtureObject("tasks__create__response.json");
        task["id"] = id;
        task["annotations"] = FixtureArray("annotations__list__response.json");
        task["predictions"] = new JsonArray(FixtureObject("predictions__get__response.json"));
        task["meta"] = new JsonObject { ["source"] = "crawl-7" };
        task["x_future_member"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        return task;
    }

    private static string Envelope(IEnumerable<JsonObject> tasks, long? total, bool tasksFirst = false)
    {
        var envelope = new JsonObject();
        if (tasksFirst)
        {
            envelope["tasks"] = new JsonArray([.. tasks]);
        }

        envelope["total_annotations"] = 5;
        envelope["total_predictions"] = 7;
        if (total is { } t)
        {
            envelope["total"] = t;
        }

        if (!tasksFirst)
        {
            envelope["tasks"] = new JsonArray([.. tasks]);
        }

        return envelope.ToJsonString();
    }

    private static IEnumerable<JsonObject> Tasks(params long[] ids) => ids.Select(CompleteTask);

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
    public async Task ListAsync_FixturePage_EveryTaskOneRequest()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.FromFixture("tasks__list__response.json"));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, IncludeAnnotations = true }));

        var expected = JsonDocument.Parse(Responses.Fixture("tasks__list__response.json")).RootElement.GetProperty("tasks");
        tasks.Select(t => t.Id).Should().Equal(expected.EnumerateArray().Select(e => (long?)e.GetProperty("id").GetInt64()));
        tasks.Select(t => t.Data["text"]!.GetValue<string>()).Should().Equal(expected.EnumerateArray().Select(e => e.GetProperty("data").GetProperty("text").GetString()));

        // The fixture's total (3) equals what the first page held: no second request.
        handler.All.Should().ContainSingle();
        var query = HttpUtility.ParseQueryString(handler.All[0].Uri.Query);
        query["project"].Should().Be("1");
        query["fields"].Should().Be("all");
        query["page"].Should().Be("1");
        query["page_size"].Should().Be("100");
    }

    [Test]
    public async Task ListAsync_CompleteTask_EveryMemberComesThrough()
    {
        var source = CompleteTask(5);
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json(Envelope([source], 1)));
        using var test = new TestClient(handler);

        var task = (await All(test.Client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, IncludeAnnotations = true }))).Single();

        task.Id.Should().Be(5);
        task.Data["text"]!.GetValue<string>().Should().Be("Example task sentence");
        task.Meta!["source"]!.GetValue<string>().Should().Be("crawl-7");

        // The annotation of annotations__list__response.json: one choices region, "Positive".
        var annotation = task.Annotations.Should().ContainSingle().Subject;
        annotation.Id.Should().Be(11);
        annotation.Results.Should().ContainSingle().Which.Value.Should().BeOfType<ChoicesValue>().Which.Choices.Should().Equal("Positive");

        // The prediction of predictions__get__response.json: model version "test", "Negative".
        var prediction = task.Predictions.Should().ContainSingle().Subject;
        prediction.ModelVersion.Should().Be("test");
        prediction.Results.Should().ContainSingle().Which.Value.Should().BeOfType<ChoicesValue>().Which.Choices.Should().Equal("Negative");

        // Members the model does not name are kept, not dropped.
        task.AdditionalProperties.Should().ContainKeys("x_future_member", "allow_skip", "state", "storage_filename");
        task.AdditionalProperties!["x_future_member"].GetProperty("nested").GetArrayLength().Should().Be(2);

        // Writing the task back gives every member of the source again.
        var written = JsonNode.Parse(LabelStudioJson.SerializeToUtf8Bytes(task))!.AsObject();
        written.Select(p => p.Key).Should().BeEquivalentTo(source.Select(p => p.Key));
    }

    [Test]
    public async Task ListAsync_TwoPages_StopsAtTotal()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/tasks/?page=1&", () => Responses.Json(Envelope(Tasks(1, 2), 3)))
            .On(HttpMethod.Get, "/api/tasks/?page=2&", () => Responses.Json(Envelope(Tasks(3), 3, tasksFirst: true)));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, PageSize = 2 }));

        tasks.Select(t => t.Id).Should().Equal(1, 2, 3);
        handler.All.Should().HaveCount(2);
        HttpUtility.ParseQueryString(handler.All[0].Uri.Query)["fields"].Should().Be("task_only");
    }

    [Test]
    public async Task ListAsync_FullPagesWithoutTotal_StopsOnShortPage()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/tasks/?page=1&", () => Responses.Json(Envelope(Tasks(1, 2), null)))
            .On(HttpMethod.Get, "/api/tasks/?page=2&", () => Responses.Json(Envelope(Tasks(3, 4), null)))
            .On(HttpMethod.Get, "/api/tasks/?page=3&", () => Responses.Json(Envelope(Tasks(5), null)));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListAsync(new TaskListOptions { PageSize = 2 }));

        tasks.Select(t => t.Id).Should().Equal(1, 2, 3, 4, 5);
        handler.All.Should().HaveCount(3);
    }

    [Test]
    public async Task ListAsync_404PastLastPage_EndsQuietly()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/tasks/?page=1&", () => Responses.Json(Envelope(Tasks(1, 2), null)))
            .On(HttpMethod.Get, "/api/tasks/?page=2&", () => Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListAsync(new TaskListOptions { PageSize = 2 }));

        tasks.Select(t => t.Id).Should().Equal(1, 2);
    }

    [Test]
    public async Task ListAsync_404OnFirstPage_Throws()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        using var test = new TestClient(handler);

        var act = () => All(test.Client.Tasks.ListAsync(new TaskListOptions { ProjectId = 99 }));

        await act.Should().ThrowAsync<LabelStudioNotFoundException>();
    }

    [Test]
    public async Task ListAsync_EnvelopeWithoutTasks_ThrowsInsteadOfAnEmptyList()
    {
        // A DRF-style page where the Data Manager envelope is expected: the generated .NET client returned no tasks here.
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json("{\"count\": 3, \"next\": null, \"results\": [{\"id\": 1, \"data\": {}}]}"));
        using var test = new TestClient(handler);

        var act = () => All(test.Client.Tasks.ListAsync(new TaskListOptions { ProjectId = 1 }));

        (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which.Message.Should().Contain("'tasks'");
    }

    [Test]
    public async Task ListAsync_TruncatedPage_ThrowsNamingTheTaskIndex()
    {
        var body = Envelope(Tasks(1, 2), 2);
        var cut = body[..(body.Length - 200)];
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json(cut));
        using var test = new TestClient(handler);

        var seen = new List<long?>();
        var act = async () =>
        {
            await foreach (var task in test.Client.Tasks.ListAsync(new TaskListOptions()))
            {
                seen.Add(task.Id);
            }
        };

        // Task 0 is complete and delivered; task 1 is cut: the error names it.
        var error = (await act.Should().ThrowAsync<LabelStudioJsonException>()).Which;
        seen.Should().Equal(1);
        error.TaskIndex.Should().Be(1);
        error.ByteOffset.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(cut.Length);
    }

    [Test]
    public async Task ListAsync_MalformedTask_ThrowsWithTaskIndexAndOffsetInTheAnswer()
    {
        var tasks = Tasks(1, 2).ToList();
        tasks[1]["annotations"] = "not a list";
        var body = Envelope(tasks, 2);
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json(body));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => All(test.Client.Tasks.ListAsync(new TaskListOptions()))).Should().ThrowAsync<LabelStudioJsonException>()).Which;

        // The offset is counted from the start of the answer and points into the second task's "annotations" value.
        error.TaskIndex.Should().Be(1);
        var secondTask = body.IndexOf("{\"id\":2", StringComparison.Ordinal);
        error.ByteOffset.Should().BeGreaterThan(secondTask);
        error.Message.Should().Contain("GET /api/tasks/");
    }

    [Test]
    public async Task ListAsync_ArrayWhereTaskExpected_Throws()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json("{\"total\": 2, \"tasks\": [{\"id\": 1, \"data\": {}}, [1, 2]]}"));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => All(test.Client.Tasks.ListAsync(new TaskListOptions()))).Should().ThrowAsync<LabelStudioJsonException>()).Which;

        error.TaskIndex.Should().Be(1);
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    public async Task ListAsync_BodyArrivingInSmallReads_SameTasks(int chunk)
    {
        // Tokens, strings and tasks split across reads at every position; a 300 KB task outgrows the first buffer.
        var tasks = Tasks(1, 2, 3).ToList();
        tasks[1]["data"]!["text"] = new string('x', 300_000);
        var body = Envelope(tasks, 3);
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => ChunkedContent.Response(body, chunk));
        using var test = new TestClient(handler);

        var read = await All(test.Client.Tasks.ListAsync(new TaskListOptions()));

        read.Select(t => t.Id).Should().Equal(1, 2, 3);
        read[1].Data["text"]!.GetValue<string>().Should().HaveLength(300_000);
        read[2].Annotations.Should().ContainSingle();
    }

    [Test]
    public async Task ListAsync_QueryIdsAndFlags_SentAsParameters()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/", () => Responses.Json(Envelope([], 0)));
        using var test = new TestClient(handler);
        var query = new DataManagerQueryBuilder()
            .Where(DataManagerColumn.Data("score"), FilterOperator.Greater, 0.5)
            .OrderByDescending(DataManagerColumn.Id)
            .Build();

        await All(test.Client.Tasks.ListAsync(new TaskListOptions { ViewId = 9, Query = query, Ids = [4, 8], OnlyAnnotated = true, ResolveUri = false, PageSize = 50 }));

        var sent = HttpUtility.ParseQueryString(handler.All.Single().Uri.Query);
        sent["view"].Should().Be("9");
        sent["only_annotated"].Should().Be("true");
        sent["resolve_uri"].Should().Be("false");
        sent["page_size"].Should().Be("50");
        var json = JsonNode.Parse(sent["query"]!)!;
        json["filters"]!["items"]![0]!["filter"]!.GetValue<string>().Should().Be("filter:tasks:data.score");
        json["ordering"]![0]!.GetValue<string>().Should().Be("-tasks:id");
        json["selectedItems"]!["all"]!.GetValue<bool>().Should().BeFalse();
        json["selectedItems"]!["included"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(4, 8);
        query.SelectedItems.Should().BeNull("the caller's query is not changed");
    }

    [Test]
    public void ListAsync_IdsAndQuerySelection_Rejected()
    {
        using var test = new TestClient(new RecordingHandler());
        var query = new DataManagerQuery { SelectedItems = JsonDocument.Parse("{\"all\": true}").RootElement };

        var act = () => test.Client.Tasks.ListAsync(new TaskListOptions { Query = query, Ids = [1] });

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public async Task ListPageAsync_Fixture_TotalsAndNoNextPage()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/?page=1&", () => Responses.FromFixture("tasks__list__response.json"));
        using var test = new TestClient(handler);

        var page = await test.Client.Tasks.ListPageAsync(new TaskListOptions { ProjectId = 1, PageSize = 3 }, 1);

        // tasks__list__response.json: total 3, total_annotations 0, total_predictions 0, three tasks.
        page.Items.Should().HaveCount(3);
        page.TotalCount.Should().Be(3);
        page.HasNextPage.Should().BeFalse("3 of 3 tasks are on page 1");
        page.Totals.Should().Contain("total_annotations", 0).And.Contain("total_predictions", 0);
    }

    [Test]
    public async Task ListPageAsync_FullPageBelowTotal_HasNextPage()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/?page=2&", () => Responses.Json(Envelope(Tasks(3, 4), 10)));
        using var test = new TestClient(handler);

        var page = await test.Client.Tasks.ListPageAsync(new TaskListOptions { PageSize = 2 }, 2);

        page.PageNumber.Should().Be(2);
        page.HasNextPage.Should().BeTrue("pages 1 and 2 hold 4 of 10 tasks");
        page.Totals.Should().Contain("total_annotations", 5);
    }

    [Test]
    public async Task ListProjectTasksAsync_PlainArrayPages_EndOnShortPage()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/7/tasks/?page=1&page_size=2", () => Responses.Json(new JsonArray([.. Tasks(1, 2)]).ToJsonString()))
            .On(HttpMethod.Get, "/api/projects/7/tasks/?page=2&page_size=2", () => Responses.Json(new JsonArray([.. Tasks(3)]).ToJsonString()));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListProjectTasksAsync(7, pageSize: 2));

        tasks.Select(t => t.Id).Should().Equal(1, 2, 3);
        tasks.Should().OnlyContain(t => t.Annotations.Count == 1 && t.Predictions.Count == 1);
        handler.All.Should().HaveCount(2);
    }

    [Test]
    public async Task ListProjectTasksAsync_404PastLastPage_EndsQuietly()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/7/tasks/?page=1&", () => Responses.Json(new JsonArray([.. Tasks(1, 2)]).ToJsonString()))
            .On(HttpMethod.Get, "/api/projects/7/tasks/?page=2&", () => Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        using var test = new TestClient(handler);

        var tasks = await All(test.Client.Tasks.ListProjectTasksAsync(7, pageSize: 2));

        tasks.Select(t => t.Id).Should().Equal(1, 2);
    }

    [Test]
    public async Task ListProjectTasksAsync_EmptyBody_Throws()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/7/tasks/", () => Responses.Json(string.Empty));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => All(test.Client.Tasks.ListProjectTasksAsync(7))).Should().ThrowAsync<LabelStudioJsonException>()).Which;

        error.Message.Should().Contain("empty");
    }

    [Test]
    public async Task GetAsync_Fixture_TaskRead()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/5/", () => Responses.FromFixture("tasks__create__response.json"));
        using var test = new TestClient(handler);

        var task = await test.Client.Tasks.GetAsync(5);

        task.Id.Should().Be(5);
        task.Data["text"]!.GetValue<string>().Should().Be("Example task sentence");
        task.Project.Should().Be(1);
    }

    [Test]
    public async Task CreateAsync_FixtureRequest_SentWithProject()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/", () => Responses.FromFixture("tasks__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        var task = new LabelStudioTask { Data = new JsonObject { ["text"] = "Example task sentence" } };

        var created = await test.Client.Tasks.CreateAsync(1, task);

        created.Id.Should().Be(5);
        var sent = JsonNode.Parse(handler.All.Single().Body!);
        JsonNode.DeepEquals(sent, JsonNode.Parse(Responses.Fixture("tasks__create__request.json"))).Should().BeTrue(sent!.ToJsonString());
        task.Project.Should().BeNull("the caller's task is not changed");
    }

    [Test]
    public async Task CreateAsync_ServerError_NotRetried()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/", () => Responses.FromFixture("errors__server_error__response.json", HttpStatusCode.InternalServerError));
        using var test = new TestClient(handler);

        await FluentActions.Awaiting(() => test.Client.Tasks.CreateAsync(1, new LabelStudioTask { Data = new JsonObject { ["text"] = "a" } }))
            .Should().ThrowAsync<LabelStudioApiException>();

        handler.All.Should().ContainSingle("a replayed create could duplicate the task");
    }

    [Test]
    public async Task UpdateAsync_Data_PatchesOnlyData()
    {
        var handler = new RecordingHandler().On(HttpMethod.Patch, "/api/tasks/5/", () => Responses.FromFixture("tasks__create__response.json"));
        using var test = new TestClient(handler);

        await test.Client.Tasks.UpdateAsync(5, new LabelStudioTask { Data = new JsonObject { ["text"] = "changed" } });

        handler.All.Single().Body.Should().Be("{\"data\":{\"text\":\"changed\"}}");
    }

    [Test]
    public async Task UpdateAsync_TransientFailure_Retried()
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Patch, "/api/tasks/5/", () => Responses.Status(HttpStatusCode.ServiceUnavailable), () => Responses.FromFixture("tasks__create__response.json"));
        using var test = new TestClient(handler);

        var task = await test.Client.Tasks.UpdateAsync(5, new LabelStudioTask { Meta = new JsonObject { ["k"] = 1 } });

        task.Id.Should().Be(5);
        handler.All.Should().HaveCount(2, "a PATCH is last-write-wins, safe to replay");
    }

    [Test]
    public async Task DeleteAsync_SendsDelete()
    {
        var handler = new RecordingHandler().On(HttpMethod.Delete, "/api/tasks/5/", () => Responses.Status(HttpStatusCode.NoContent));
        using var test = new TestClient(handler);

        await test.Client.Tasks.DeleteAsync(5);

        handler.All.Single().Method.Should().Be(HttpMethod.Delete);
    }

    [Test]
    public async Task GetAsync_UnreadableBody_ApiExceptionNamingTheCall()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/5/", () => Responses.Json("{\"id\": 5, \"data\": "));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => test.Client.Tasks.GetAsync(5)).Should().ThrowAsync<LabelStudioApiException>()).Which;

        error.Error.RequestPath.Should().Contain("api/tasks/5/");
        error.InnerException.Should().BeOfType<LabelStudioJsonException>();
    }

    [Test]
    public async Task CreateEventAsync_SendsKeyAndTime_ReadsAnswer()
    {
        var answer = "{\"id\": 3, \"actor\": 1, \"task\": 5, \"project\": 1, \"organization\": 1, \"created_at\": \"2026-11-20T10:15:31Z\", \"event_key\": \"annotation_loaded\", \"event_time\": \"2026-11-20T10:15:30Z\", \"meta\": null}";
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/5/events/", () => Responses.Json(answer, HttpStatusCode.Created));
        using var test = new TestClient(handler);

        var recorded = await test.Client.Tasks.CreateEventAsync(5, new TaskEvent { EventKey = "annotation_loaded", EventTime = new DateTimeOffset(2026, 11, 20, 10, 15, 30, TimeSpan.Zero) });

        recorded.Id.Should().Be(3);
        recorded.Task.Should().Be(5);
        var sent = JsonNode.Parse(handler.All.Single().Body!)!.AsObject();
        sent["event_key"]!.GetValue<string>().Should().Be("annotation_loaded");
        DateTimeOffset.Parse(sent["event_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(new DateTimeOffset(2026, 11, 20, 10, 15, 30, TimeSpan.Zero));
        sent.Should().NotContainKey("id");
    }
}
