using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.Client.Tests.Infrastructure;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tests.Annotations;

/// <summary>Annotation calls against the annotation fixtures.</summary>
public class AnnotationsClientTests
{
    private static Annotation FixtureAnnotation(string name) => LabelStudioJson.DeserializeAnnotation(File.ReadAllBytes(Responses.FixturePath(name)));

    [Test]
    public async Task ListAsync_Fixture_AnnotationsWithResults()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/5/annotations/", () => Responses.FromFixture("annotations__list__response.json"));
        using var test = new TestClient(handler);

        var annotations = await test.Client.Annotations.ListAsync(5);

        // annotations__list__response.json: annotation 11 on task 5 with one choices region "Positive".
        var annotation = annotations.Should().ContainSingle().Subject;
        annotation.Id.Should().Be(11);
        annotation.Task.Should().Be(5);
        annotation.Results.Should().ContainSingle().Which.Value.Should().BeOfType<ChoicesValue>().Which.Choices.Should().Equal("Positive");
        // The fixture's "created_username" is a modelled field: it comes through typed, not as an unknown member.
        annotation.CreatedUsername.Should().Be(" test_suites_user@heartex.com, 1");
    }

    [Test]
    public async Task ListAsync_SecondElementMalformed_ErrorNamesIt()
    {
        var list = JsonNode.Parse(Responses.Fixture("annotations__list__response.json"))!.AsArray();
        var broken = list[0]!.DeepClone();
        broken["result"] = 3;
        list.Add(broken);
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/tasks/5/annotations/", () => Responses.Json(list.ToJsonString()));
        using var test = new TestClient(handler);

        var error = (await FluentActions.Awaiting(() => test.Client.Annotations.ListAsync(5)).Should().ThrowAsync<LabelStudioApiException>()).Which;

        error.InnerException.Should().BeOfType<LabelStudioJsonException>().Which.TaskIndex.Should().Be(1);
    }

    [Test]
    public async Task CreateAsync_FixtureRequest_SentAsIs()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/5/annotations/", () => Responses.FromFixture("annotations__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        var created = await test.Client.Annotations.CreateAsync(5, FixtureAnnotation("annotations__create__request.json"));

        created.Id.Should().Be(11);
        JsonNode.DeepEquals(JsonNode.Parse(handler.All.Single().Body!), JsonNode.Parse(Responses.Fixture("annotations__create__request.json"))).Should().BeTrue(handler.All.Single().Body);
    }

    [Test]
    public async Task CreateAsync_NoResults_SendsEmptyResultList()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/5/annotations/", () => Responses.FromFixture("annotations__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        await test.Client.Annotations.CreateAsync(5, new Annotation { WasCancelled = true });

        var sent = JsonNode.Parse(handler.All.Single().Body!)!.AsObject();
        sent["result"]!.AsArray().Should().BeEmpty();
        sent["was_cancelled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task CreateAsync_ServerError_NotRetried()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/tasks/5/annotations/", () => Responses.Status(HttpStatusCode.BadGateway));
        using var test = new TestClient(handler);

        await FluentActions.Awaiting(() => test.Client.Annotations.CreateAsync(5, FixtureAnnotation("annotations__create__request.json"))).Should().ThrowAsync<LabelStudioApiException>();

        handler.All.Should().ContainSingle("a replay could create a second annotation");
    }

    [Test]
    public async Task GetAsync_Fixture_Read()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/annotations/11/", () => Responses.FromFixture("annotations__get__response.json"));
        using var test = new TestClient(handler);

        var annotation = await test.Client.Annotations.GetAsync(11);

        annotation.Id.Should().Be(11);
        annotation.Results.Should().NotBeEmpty();
    }

    [Test]
    public async Task UpdateAsync_FixtureRequest_PatchedAsIs()
    {
        var handler = new RecordingHandler().On(HttpMethod.Patch, "/api/annotations/11/", () => Responses.FromFixture("annotations__get__response.json"));
        using var test = new TestClient(handler);

        await test.Client.Annotations.UpdateAsync(11, FixtureAnnotation("annotations__update__request.json"));

        JsonNode.DeepEquals(JsonNode.Parse(handler.All.Single().Body!), JsonNode.Parse(Responses.Fixture("annotations__update__request.json"))).Should().BeTrue(handler.All.Single().Body);
    }

    [Test]
    public async Task DeleteAsync_SendsDelete()
    {
        var handler = new RecordingHandler().On(HttpMethod.Delete, "/api/annotations/11/", () => Responses.Status(HttpStatusCode.NoContent));
        using var test = new TestClient(handler);

        await test.Client.Annotations.DeleteAsync(11);

        handler.All.Single().PathAndQuery.Should().Be("/api/annotations/11/");
    }

    [Test]
    public async Task CreateBulkAsync_TwoTasks_SendsTasksAndResult_ReturnsIds()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/annotations/bulk/", () => Responses.Json("[{\"id\": 31}, {\"id\": 32}]", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        var ids = await test.Client.Annotations.CreateBulkAsync([4, 5], FixtureAnnotation("annotations__create__request.json"), projectId: 1);

        ids.Should().Equal(31, 32);
        var sent = JsonNode.Parse(handler.All.Single().Body!)!.AsObject();
        sent["tasks"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(4, 5);
        sent["project"]!.GetValue<long>().Should().Be(1);
        JsonNode.DeepEquals(sent["result"], JsonNode.Parse(Responses.Fixture("annotations__create__request.json"))!["result"]).Should().BeTrue();
    }

    [Test]
    public async Task CreateBulkAsync_AnswerNotIds_Throws()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/annotations/bulk/", () => Responses.Json("{\"detail\": \"ok\"}", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        await FluentActions.Awaiting(() => test.Client.Annotations.CreateBulkAsync([4], new Annotation())).Should().ThrowAsync<LabelStudioApiException>();
    }

    [Test]
    public async Task DeleteBulkAsync_250Ids_ThreeBatchesOf100AtMost()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/annotations/bulk-delete/", (request, ct) =>
        {
            var count = JsonNode.Parse(request.Content!.ReadAsStringAsync(ct).Result)!["ids"]!.AsArray().Count;
            return Task.FromResult(Responses.Json($"{{\"deleted_count\": {count}}}"));
        });
        using var test = new TestClient(handler);

        var deleted = await test.Client.Annotations.DeleteBulkAsync(1, Enumerable.Range(1, 250).Select(i => (long)i));

        // The server deletes at most 100 ids per request (AnnotationBulkDeleteRequest maxItems): 100 + 100 + 50.
        deleted.Should().Be(250);
        handler.All.Select(r => JsonNode.Parse(r.Body!)!["ids"]!.AsArray().Count).Should().Equal(100, 100, 50);
        handler.All.Should().OnlyContain(r => JsonNode.Parse(r.Body!)!["project"]!.GetValue<long>() == 1);
    }

    [Test]
    public async Task DeleteBulkAsync_SecondBatchRejected_ExceptionSaysWhatWasDeleted()
    {
        var calls = 0;
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/annotations/bulk-delete/", (request, ct) =>
        {
            // The first batch deletes 98 of its 100 ids (two were already gone), the second is refused (400: not retried).
            return Task.FromResult(++calls == 1
                ? Responses.Json("{\"deleted_count\": 98}")
                : Responses.Json("{\"detail\": \"Project mismatch\"}", HttpStatusCode.BadRequest));
        });
        using var test = new TestClient(handler);

        var thrown = await FluentActions.Awaiting(() => test.Client.Annotations.DeleteBulkAsync(1, Enumerable.Range(1, 250).Select(i => (long)i)))
            .Should().ThrowAsync<LabelStudioBulkDeleteException>();

        // Batches are ids 0-99, 100-199, 200-249 of the list; the second failed, the third was never sent.
        var error = thrown.Which;
        error.BatchIndex.Should().Be(1);
        error.FirstItemIndex.Should().Be(100);
        error.LastItemIndex.Should().Be(199);
        error.ItemsDeleted.Should().Be(98);
        error.InnerException.Should().BeOfType<LabelStudioValidationException>("a 400 answer is a validation error");
        error.Message.Should().Contain("batch 1").And.Contain("deleted 98 annotation(s)").And.Contain("Project mismatch");
        handler.All.Should().HaveCount(2);
    }

    [Test]
    public async Task DeleteBulkAsync_FirstBatchRejected_NothingDeleted()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/annotations/bulk-delete/", () => Responses.Json("{\"detail\": \"no\"}", HttpStatusCode.Forbidden));
        using var test = new TestClient(handler);

        var thrown = await FluentActions.Awaiting(() => test.Client.Annotations.DeleteBulkAsync(1, [5, 6]))
            .Should().ThrowAsync<LabelStudioBulkDeleteException>();

        thrown.Which.ItemsDeleted.Should().Be(0);
        thrown.Which.BatchIndex.Should().Be(0);
        thrown.Which.LastItemIndex.Should().Be(1);
        thrown.Which.Message.Should().Contain("nothing had been deleted before it");
    }

    [Test]
    public void DeleteBulkAsync_NoIds_Rejected()
    {
        using var test = new TestClient(new RecordingHandler());

        FluentActions.Awaiting(() => test.Client.Annotations.DeleteBulkAsync(1, [])).Should().ThrowAsync<ArgumentException>();
    }
}
