using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Client.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.MlBackend.Tests;

/// <summary>
/// Task data is attacker-controlled (anyone who can import tasks writes it). A backend that reads media through the
/// resolver must refuse loopback, cloud-metadata and private addresses (directly or by redirect) and paths leaving
/// the local-files root; through the real endpoints, each refusal costs only its own task (an empty entry, so the
/// answer still has one entry per task), the server keeps serving, and no credential reaches a log or an answer.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MlBackendServerMediaTests
{
    private const string ApiKey = "ls-api-key-0123456789";
    private const string BasicPassword = "basic-pass-9876543210";
    private const string SecretFileText = "root:x:0:0:this must never be read";
    private const string GoodText = "hello from label studio";
    private const string Config = """<View><Text name="doc" value="$doc"/><TextArea name="answer" toName="doc"/></View>""";

    private readonly LogCollector _logs = new();
    private FakeLabelStudio _labelStudio = null!;
    private BackendServer<MediaReadingModel> _backend = null!;
    private string _work = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // <work>/root is the local-files root; <work>/outside/secret.txt is a readable file next to it.
        _work = Path.Combine(Path.GetTempPath(), "mlserve-media-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_work, "root"));
        Directory.CreateDirectory(Path.Combine(_work, "outside"));
        await File.WriteAllTextAsync(Path.Combine(_work, "root", "inside.txt"), GoodText);
        await File.WriteAllTextAsync(Path.Combine(_work, "outside", "secret.txt"), SecretFileText);

        FakeLabelStudio? labelStudio = null;
        labelStudio = await FakeLabelStudio.StartAsync(app =>
        {
            app.MapGet("/data/upload/1/ok.txt", () => Results.Text(GoodText));
            app.MapGet("/data/upload/1/secret.txt", () => Results.Text(SecretFileText));
            app.MapGet("/redirect/loopback", () => Results.Redirect($"http://127.0.0.1:{labelStudio!.Port}/data/upload/1/secret.txt"));
            app.MapGet("/redirect/ipv6-loopback", () => Results.Redirect($"http://[::1]:{labelStudio!.Port}/data/upload/1/secret.txt"));
            app.MapGet("/redirect/metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
            app.MapGet("/redirect/private", () => Results.Redirect("http://10.0.0.7/internal.txt"));
        });
        _labelStudio = labelStudio;

        _backend = await BackendServer<MediaReadingModel>.StartAsync(
            o =>
            {
                o.BasicAuthUser = "ml";
                o.BasicAuthPassword = BasicPassword;
            },
            configureServices: services =>
            {
                services.AddSingleton<ILoggerProvider>(_logs);
                services.AddLabelStudioMediaResolver(o =>
                {
                    o.LabelStudioUrl = _labelStudio.Url;
                    o.ApiKey = ApiKey;
                    o.LocalFilesDocumentRoot = Path.Combine(_work, "root");
                    o.Timeout = TimeSpan.FromSeconds(20);
                    o.ConnectTimeout = TimeSpan.FromSeconds(5);
                });
            });
        _backend.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ml:" + BasicPassword)));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _backend.DisposeAsync();
        await _labelStudio.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [SetUp]
    public void ClearLogs() => _logs.Clear();

    // Each hostile reference with the reason the resolver must give (MediaErrorReason, as it appears in the log line).
    private static IEnumerable<TestCaseData> HostileReferences()
    {
        yield return new TestCaseData("http://127.0.0.1:{port}/data/upload/1/secret.txt", "BlockedAddress").SetName("Loopback literal (Label Studio's own port)");
        yield return new TestCaseData("http://[::1]:{port}/data/upload/1/secret.txt", "BlockedAddress").SetName("IPv6 loopback");
        yield return new TestCaseData("http://169.254.169.254/latest/meta-data/", "BlockedAddress").SetName("Cloud metadata (link-local)");
        yield return new TestCaseData("http://10.0.0.7/internal.txt", "BlockedAddress").SetName("Private 10/8");
        yield return new TestCaseData("http://172.16.5.4/internal.txt", "BlockedAddress").SetName("Private 172.16/12");
        yield return new TestCaseData("http://192.168.1.1/router.cgi", "BlockedAddress").SetName("Private 192.168/16");
        yield return new TestCaseData("http://[fd00::1]/internal.txt", "BlockedAddress").SetName("IPv6 unique local");
        yield return new TestCaseData("http://[::ffff:127.0.0.1]:{port}/data/upload/1/secret.txt", "BlockedAddress").SetName("IPv4-mapped loopback");
        yield return new TestCaseData("http://localhost:{port}/redirect/loopback", "BlockedAddress").SetName("Redirect to loopback");
        yield return new TestCaseData("http://localhost:{port}/redirect/ipv6-loopback", "BlockedAddress").SetName("Redirect to IPv6 loopback");
        yield return new TestCaseData("http://localhost:{port}/redirect/metadata", "BlockedAddress").SetName("Redirect to cloud metadata");
        yield return new TestCaseData("http://localhost:{port}/redirect/private", "BlockedAddress").SetName("Redirect to a private address");
        yield return new TestCaseData("/data/local-files/?d=../../etc/passwd", "OutsideRoot").SetName("Local files with ..");
        yield return new TestCaseData("/data/local-files/?d=../outside/secret.txt", "OutsideRoot").SetName("Local files with .. to an existing file");
        yield return new TestCaseData("/data/local-files/?d=/etc/passwd", "OutsideRoot").SetName("Local files with an absolute path");
        yield return new TestCaseData("/data/local-files/?d=%2E%2E/outside/secret.txt", "OutsideRoot").SetName("Local files with an escaped ..");
        // A rooted path is a path on the Label Studio server (as Label Studio itself resolves it): it is asked of
        // Label Studio, which answers 404 here, and never read from this machine's disk.
        yield return new TestCaseData("/etc/passwd", "NotFound").SetName("Plain absolute path");
        yield return new TestCaseData("file:///etc/passwd", "NotConfigured").SetName("file URL");
    }

    private string Expand(string reference) => reference.Replace("{port}", _labelStudio.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string PredictBody(IEnumerable<string> references, bool interactive = false)
    {
        var body = new JsonObject
        {
            ["tasks"] = new JsonArray([.. references.Select((r, i) => (JsonNode)new JsonObject { ["id"] = 100 + i, ["data"] = new JsonObject { ["doc"] = r } })]),
            ["project"] = "9.1712586036",
            ["label_config"] = Config,
            ["params"] = new JsonObject { ["login"] = "task-login", ["password"] = "task-password-123", ["context"] = interactive ? new JsonObject { ["result"] = new JsonArray() } : null },
        };
        return body.ToJsonString();
    }

    private async Task<(HttpStatusCode Status, string Text)> PredictAsync(string body)
    {
        using var answer = await _backend.Client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private void AssertNoSecretAnywhere(string answer)
    {
        var logs = _logs.All;
        foreach (var secret in new[] { ApiKey, BasicPassword, "task-password-123", SecretFileText })
        {
            answer.Should().NotContain(secret);
            logs.Should().NotContain(secret);
        }

        // Nor the start of any passwd file of this machine.
        answer.Should().NotContain("root:x:0:0");
    }

    [Test]
    public async Task Predict_GoodReferences_ReachTheModel()
    {
        // The control case: the guard is not simply refusing everything. The Label Studio host is reached by name
        // (AllowLabelStudioHost) with the API key; the local-files root is read.
        var (status, text) = await PredictAsync(PredictBody(["/data/upload/1/ok.txt", "/data/local-files/?d=inside.txt"]));
        status.Should().Be(HttpStatusCode.OK, text);
        var results = JsonNode.Parse(text)!["results"]!.AsArray();
        results.Select(r => r!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>()).Should().Equal(GoodText, GoodText);
        _labelStudio.Requests.Should().Contain(r => r.PathAndQuery == "/data/upload/1/ok.txt" && r.Authorization == "Token " + ApiKey);
        AssertNoSecretAnywhere(text);
    }

    [TestCaseSource(nameof(HostileReferences))]
    public async Task Predict_HostileReference_OnlyThatTaskIsEmptyAndTheReasonIsLogged(string reference, string reason)
    {
        var hostile = Expand(reference);
        var before = _labelStudio.Requests.Count;

        // The hostile task sits between two good ones: their predictions must survive.
        var (status, text) = await PredictAsync(PredictBody(["/data/upload/1/ok.txt", hostile, "/data/local-files/?d=inside.txt"]));

        status.Should().Be(HttpStatusCode.OK, text);
        var results = JsonNode.Parse(text)!["results"]!.AsArray();
        results.Should().HaveCount(3, "Label Studio drops every prediction of a batch whose answer has another length");
        results[0]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>().Should().Be(GoodText);
        results[2]!["result"]![0]!["value"]!["text"]![0]!.GetValue<string>().Should().Be(GoodText);

        // An empty list, not an empty prediction: Label Studio stores nothing for the task and asks again later.
        results[1].Should().BeOfType<JsonArray>().Which.Should().BeEmpty();

        var warning = _logs.Lines.Should().ContainSingle(l => l.Contains("task 101 (index 1) got no prediction", StringComparison.Ordinal)).Subject;
        warning.Should().StartWith("Warning").And.Contain($"({reason})");
        AssertNoSecretAnywhere(text);

        // No traversal or redirect target reached the fake Label Studio (the one good upload did).
        _labelStudio.Requests.Skip(before).Should().OnlyContain(r => r.PathAndQuery == "/data/upload/1/ok.txt" || r.PathAndQuery == "/etc/passwd" || r.PathAndQuery.StartsWith("/redirect/", StringComparison.Ordinal));
    }

    [Test]
    public async Task Predict_RedirectAwayFromLabelStudio_CredentialsNeverFollow()
    {
        var (status, _) = await PredictAsync(PredictBody([Expand("http://localhost:{port}/redirect/loopback")]));
        status.Should().Be(HttpStatusCode.OK);
        _labelStudio.Requests.Should().NotContain(r => r.PathAndQuery == "/data/upload/1/secret.txt", "the redirect target is loopback by address, so it is never connected to");
    }

    [Test]
    public async Task Predict_AllTasksHostile_AnswersOneEmptyEntryEachAndKeepsServing()
    {
        var references = HostileReferences().Select(c => Expand((string)c.Arguments[0]!)).ToList();
        var (status, text) = await PredictAsync(PredictBody(references));

        status.Should().Be(HttpStatusCode.OK, text);
        var results = JsonNode.Parse(text)!["results"]!.AsArray();
        results.Should().HaveCount(references.Count);
        results.Should().AllSatisfy(r => r.Should().BeOfType<JsonArray>().Which.Should().BeEmpty());
        _logs.Lines.Count(l => l.Contains("got no prediction", StringComparison.Ordinal)).Should().Be(references.Count);
        AssertNoSecretAnywhere(text);

        using var health = await _backend.Client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Predict_InteractiveCallWithHostileReference_AnswersOneEmptyPredictionObject()
    {
        // Interactive answers are shown only when results[0] is a prediction object, so the failed task gets an empty one.
        var (status, text) = await PredictAsync(PredictBody(["http://169.254.169.254/latest/meta-data/"], interactive: true));
        status.Should().Be(HttpStatusCode.OK, text);
        var entry = JsonNode.Parse(text)!["results"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        entry["result"]!.AsArray().Should().BeEmpty();
        entry["model_version"]!.GetValue<string>().Should().Be("0.0.1");
        AssertNoSecretAnywhere(text);
    }

    [Test]
    public async Task Predict_NoMediaSourceRegistered_FailsWithAHintInsteadOfFetching()
    {
        await using var bare = await BackendServer<MediaReadingModel>.StartAsync();
        using var answer = await bare.Client.PostAsync("/predict", new StringContent(PredictBody(["http://169.254.169.254/"]), Encoding.UTF8, "application/json"));
        answer.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("AddLabelStudioMediaResolver");
    }
}
