using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;
using Microsoft.AspNetCore.Builder;

namespace LabelStudio.MlBackend.Tests;

[TestFixture]
public sealed class MlBackendServerTests
{
    private const string ChoicesConfig = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string PredictBody(int tasks) =>
        new JsonObject
        {
            ["tasks"] = new JsonArray([.. Enumerable.Range(1, tasks).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["data"] = new JsonObject { ["text"] = $"text {i}" } })]),
            ["project"] = "7.1712586036",
            ["label_config"] = ChoicesConfig,
        }.ToJsonString();

    private static string Webhook(string action, int project) =>
        new JsonObject { ["action"] = action, ["project"] = new JsonObject { ["id"] = project, ["label_config"] = ChoicesConfig } }.ToJsonString();

    [Test]
    public async Task Predict_MalformedJson_Answers400NamingTheProblem()
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync();
        using var answer = await server.Client.PostAsync("/predict", Json("{\"tasks\": [ {\"id\": 1,"));
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body["detail"]!.GetValue<string>().Should().Contain("not valid JSON");
        body["status"]!.GetValue<int>().Should().Be(400);
    }

    [TestCase("[]", "must be a JSON object")]
    [TestCase("{}", "\"tasks\" array")]
    [TestCase("{\"tasks\": [1]}", "tasks[0] must be an object")]
    [TestCase("{\"tasks\": [], \"project\": \"abc.1\"}", "\"project\" must be")]
    [TestCase("", "empty")]
    public async Task Predict_WrongShape_Answers400(string json, string expected)
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync();
        using var answer = await server.Client.PostAsync("/predict", Json(json));
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>().Should().Contain(expected);
    }

    [Test]
    public async Task Predict_BodyOverLimit_Answers413()
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync(o => o.MaxRequestBodyBytes = 1000);
        using var answer = await server.Client.PostAsync("/predict", Json(PredictBody(100)));
        answer.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("1000 bytes");
    }

    [Test]
    public async Task Predict_BatchOfTasks_AnswersOneEntryPerTaskWithModelVersion()
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync();
        using var answer = await server.Client.PostAsync("/predict", Json(PredictBody(3)));
        var results = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["results"]!.AsArray();
        results.Should().HaveCount(3);
        results.Select(r => r!["model_version"]!.GetValue<string>()).Should().AllBe("0.0.1");
    }

    [Test]
    public async Task Predict_ModelThrows_Answers500EnvelopeWithoutTracebackAndKeepsServing()
    {
        await using var server = await BackendServer<ThrowingModel>.StartAsync();
        using var failed = await server.Client.PostAsync("/predict", Json(PredictBody(1)));
        var body = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        body["detail"]!.GetValue<string>().Should().Be("InvalidOperationException: model exploded");
        body["result"]!.AsObject().Should().BeEmpty("tracebacks are off unless IncludeErrorDetails is set");
        using var health = await server.Client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Predict_ModelThrowsWithErrorDetails_IncludesTraceback()
    {
        await using var server = await BackendServer<ThrowingModel>.StartAsync(o => o.IncludeErrorDetails = true);
        using var failed = await server.Client.PostAsync("/predict", Json(PredictBody(1)));
        var body = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
        body["result"]!["traceback"]!.GetValue<string>().Should().Contain(nameof(ThrowingModel));
    }

    [Test]
    public async Task Predict_ModelAnswersWrongCount_Answers500NamingCounts()
    {
        await using var server = await BackendServer<ThrowingModel>.StartAsync();
        using var failed = await server.Client.PostAsync("/predict", Json(PredictBody(2)));
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadAsStringAsync()).Should().Contain("returned 0 entries for 2 tasks");
    }

    [TestCase(WebhookAuthentication.SameAsOtherEndpoints, null, HttpStatusCode.Unauthorized)]
    [TestCase(WebhookAuthentication.Exempt, null, HttpStatusCode.Created)]
    [TestCase(WebhookAuthentication.Separate, null, HttpStatusCode.Unauthorized)]
    [TestCase(WebhookAuthentication.Separate, "hook:hookpass", HttpStatusCode.Created)]
    [TestCase(WebhookAuthentication.Separate, "user:pass", HttpStatusCode.Unauthorized)]
    public async Task Webhook_AuthenticationModes_AnswerAsConfigured(WebhookAuthentication mode, string? credentials, HttpStatusCode expected)
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync(o =>
        {
            o.BasicAuthUser = "user";
            o.BasicAuthPassword = "pass";
            o.WebhookAuthentication = mode;
            o.WebhookUser = "hook";
            o.WebhookPassword = "hookpass";
        });
        using var message = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = Json(Webhook("START_TRAINING", 3)) };
        if (credentials is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var answer = await server.Client.SendAsync(message);
        answer.StatusCode.Should().Be(expected);

        // Other endpoints keep the main credentials whatever the webhook mode.
        using var health = await server.Client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [TestCase("user:wrong")]
    [TestCase("wrong:pass")]
    [TestCase("userpass")]
    public async Task Health_WrongCredentials_Answers401(string credentials)
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync(o => { o.BasicAuthUser = "user"; o.BasicAuthPassword = "pass"; });
        using var message = new HttpRequestMessage(HttpMethod.Get, "/health");
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var answer = await server.Client.SendAsync(message);
        answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Webhook_BurstOfEvents_AllReachFitCoalescedAndNewVersionIsReported()
    {
        await using var server = await BackendServer<DummyChoiceModel>.StartAsync();
        const int Events = 40;
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        var runs = 0;
        server.Backend.OnFit = request => $"v{Interlocked.Increment(ref runs)}";
        server.Training.BatchCompleted += (_, _, _) =>
        {
            lock (server.Backend.Trained)
            {
                seen = server.Backend.Trained.Sum(t => t.Events.Count + t.DroppedEvents);
            }

            if (seen == Events)
            {
                allSeen.TrySetResult();
            }
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, Events).Select(_ => server.Client.PostAsync("/webhook", Json(Webhook("ANNOTATION_CREATED", 5)))));
        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        await allSeen.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // Every event is delivered once; batches never mix projects.
        server.Backend.Trained.Should().OnlyContain(t => t.ProjectId == "5" && t.LabelConfigXml == ChoicesConfig);
        var lastVersion = $"v{server.Backend.Trained.Count}";

        using var setup = await server.Client.PostAsync("/setup", Json("""{"project":"5.1712586036","schema":"<View/>"}"""));
        JsonNode.Parse(await setup.Content.ReadAsStringAsync())!["model_version"]!.GetValue<string>().Should().Be(lastVersion);
        using var versions = await server.Client.GetAsync("/versions?project=5");
        JsonNode.Parse(await versions.Content.ReadAsStringAsync())!["versions"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().StartWith("0.0.1").And.EndWith(lastVersion).And.HaveCount(server.Backend.Trained.Count + 1);
    }

    [Test]
    public async Task Setup_ModelVersion_SurvivesRestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-tests-" + Guid.NewGuid().ToString("N"));
        await using (var first = await BackendServer<DummyChoiceModel>.StartAsync(dataDirectory: data))
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            first.Backend.OnFit = _ => "trained-1";
            first.Training.BatchCompleted += (_, _, _) => done.TrySetResult();
            (await first.Client.PostAsync("/webhook", Json(Webhook("START_TRAINING", 9)))).StatusCode.Should().Be(HttpStatusCode.Created);
            await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
            Directory.CreateDirectory(data + "-keep");
            foreach (var file in Directory.GetFiles(data, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(data + "-keep", Path.GetRelativePath(data, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        await using var second = await BackendServer<DummyChoiceModel>.StartAsync(dataDirectory: data + "-keep");
        using var setup = await second.Client.PostAsync("/setup", Json("""{"project":"9.1712586036","extra_params":"{\"k\": 1}"}"""));
        JsonNode.Parse(await setup.Content.ReadAsStringAsync())!["model_version"]!.GetValue<string>().Should().Be("trained-1");
    }

    [Test]
    public void Map_WithoutAdd_ThrowsNamingTheMissingCall()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        var act = () => app.MapLabelStudioMlBackend();
        act.Should().Throw<InvalidOperationException>().WithMessage("*AddLabelStudioMlBackend<YourBackend>()*");
    }

    private sealed class ThrowingModel : LabelStudioMlBackend
    {
        public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default) =>
            request.Tasks.Count == 2
                ? Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>([])
                : throw new InvalidOperationException("model exploded");
    }
}
