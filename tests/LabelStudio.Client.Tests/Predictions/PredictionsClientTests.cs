using System.Net;
using System.Text.Json.Nodes;
using LabelStudio.Client.Tests.Infrastructure;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Client.Tests.Predictions;

/// <summary>Prediction calls against the prediction fixtures.</summary>
public class PredictionsClientTests
{
    private static Prediction FixturePrediction(string name) => LabelStudioJson.DeserializePrediction(File.ReadAllBytes(Responses.FixturePath(name)));

    [Test]
    public async Task ListAsync_ByTask_FixturePrediction()
    {
        var body = new JsonArray(JsonNode.Parse(Responses.Fixture("predictions__get__response.json"))).ToJsonString();
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/predictions/?task=5", () => Responses.Json(body));
        using var test = new TestClient(handler);

        var predictions = await test.Client.Predictions.ListAsync(taskId: 5);

        // predictions__get__response.json: prediction 21, model version "test", one choices region "Negative".
        var prediction = predictions.Should().ContainSingle().Subject;
        prediction.Id.Should().Be(21);
        prediction.ModelVersion.Should().Be("test");
        prediction.Results.Should().ContainSingle().Which.Value.Should().BeOfType<ChoicesValue>().Which.Choices.Should().Equal("Negative");
    }

    [Test]
    public async Task ListAsync_ByProject_QueryParameter()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/predictions/?project=3", () => Responses.Json("[]"));
        using var test = new TestClient(handler);

        (await test.Client.Predictions.ListAsync(projectId: 3)).Should().BeEmpty();
    }

    [Test]
    public async Task CreateAsync_FixtureRequest_SentAsIs()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/predictions/", () => Responses.FromFixture("predictions__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);

        // predictions__create__request.json targets task 5.
        var created = await test.Client.Predictions.CreateAsync(5, FixturePrediction("predictions__create__request.json"));

        created.Id.Should().NotBeNull();
        JsonNode.DeepEquals(JsonNode.Parse(handler.All.Single().Body!), JsonNode.Parse(Responses.Fixture("predictions__create__request.json"))).Should().BeTrue(handler.All.Single().Body);
    }

    [Test]
    public async Task CreateAsync_NoResults_SendsEmptyResultAndTask()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/predictions/", () => Responses.FromFixture("predictions__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        var prediction = new Prediction { ModelVersion = "empty-v1", Score = 0.1 };

        await test.Client.Predictions.CreateAsync(8, prediction);

        // "result" is required by the server (PredictionRequest); an empty list means "predicted nothing".
        var sent = JsonNode.Parse(handler.All.Single().Body!)!.AsObject();
        sent["result"]!.AsArray().Should().BeEmpty();
        sent["task"]!.GetValue<long>().Should().Be(8);
        prediction.Task.Should().BeNull("the caller's prediction is not changed");
    }

    [Test]
    public async Task GetAsync_Fixture_Read()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/predictions/21/", () => Responses.FromFixture("predictions__get__response.json"));
        using var test = new TestClient(handler);

        var prediction = await test.Client.Predictions.GetAsync(21);

        prediction.Id.Should().Be(21);
        prediction.Task.Should().Be(5);
    }

    [Test]
    public async Task UpdateAsync_FixtureRequest_PatchedAsIs()
    {
        var handler = new RecordingHandler().On(HttpMethod.Patch, "/api/predictions/21/", () => Responses.FromFixture("predictions__update__response.json"));
        using var test = new TestClient(handler);

        var updated = await test.Client.Predictions.UpdateAsync(21, new Prediction { ModelVersion = "test1" });

        // predictions__update__request.json is {"model_version": "test1"}; the response fixture carries the new version.
        JsonNode.DeepEquals(JsonNode.Parse(handler.All.Single().Body!), JsonNode.Parse(Responses.Fixture("predictions__update__request.json"))).Should().BeTrue(handler.All.Single().Body);
        updated.ModelVersion.Should().Be("test1");
    }

    [Test]
    public async Task DeleteAsync_SendsDelete()
    {
        var handler = new RecordingHandler().On(HttpMethod.Delete, "/api/predictions/21/", () => Responses.Status(HttpStatusCode.NoContent));
        using var test = new TestClient(handler);

        await test.Client.Predictions.DeleteAsync(21);

        handler.All.Single().Method.Should().Be(HttpMethod.Delete);
    }
}
