using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Host.Commands;
using LabelStudio.Host.Models;
using LabelStudio.MlBackend.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Host.Tests;

/// <summary>
/// <c>serve --label-studio-url</c>: Label Studio's "Start training" sends only the project, so the classifier must
/// fetch the annotated tasks itself, through LabelStudio.Client, from a fake Label Studio on 127.0.0.1.
/// </summary>
[TestFixture]
public sealed class ServeTrainingTests
{
    private const string ApiKey = "ls-key-0123456789";

    [Test]
    public async Task Serve_StartTrainingWithLabelStudioUrl_TrainsOnTheProjectsAnnotatedTasks()
    {
        var requests = new ConcurrentQueue<(string PathAndQuery, string Authorization)>();
        await using var labelStudio = await StartFakeLabelStudioAsync(requests);
        var data = Path.Combine(Path.GetTempPath(), "mlserve-train-" + Guid.NewGuid().ToString("N"));
        var trained = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            OpenStandardInput = () => new StringReader(string.Empty),
            GetVariable = name => name == "LABEL_STUDIO_API_KEY" ? ApiKey : null,
            WorkingDirectory = data,
        };
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        // The state store tells the test when training stored a new version: no polling, no sleeping.
        var run = ServeCommand.RunAsync(
            environment,
            new ServeSettings("127.0.0.1", 0, BuiltInModelSelection.Auto, data, ExemptWebhook: false, labelStudio.Url.ToString()),
            started.SetResult,
            stop.Token,
            services => services.AddSingleton<IProjectStateStore>(new SignallingStore(new FileProjectStateStore(data), trained)));
        try
        {
            var address = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
            using var client = new HttpClient { BaseAddress = address };
            var startTraining = new JsonObject { ["action"] = "START_TRAINING", ["project"] = new JsonObject { ["id"] = 4, ["label_config"] = TextClassifierTests.Config } };
            using (var answer = await client.PostAsync("/webhook", new StringContent(startTraining.ToJsonString(), Encoding.UTF8, "application/json")))
            {
                answer.StatusCode.Should().Be(HttpStatusCode.Created);
            }

            (await trained.Task.WaitAsync(TimeSpan.FromMinutes(2))).Should().Be("textclf.1");

            // The listing asked for project 4's annotated tasks with their annotations, with the key.
            requests.Should().Contain(r => r.PathAndQuery.StartsWith("/api/tasks/", StringComparison.Ordinal)
                && r.PathAndQuery.Contains("project=4", StringComparison.Ordinal)
                && r.PathAndQuery.Contains("fields=all", StringComparison.Ordinal)
                && r.PathAndQuery.Contains("only_annotated=true", StringComparison.Ordinal)
                && r.Authorization == "Token " + ApiKey);

            // The held-out texts reuse each class's vocabulary: a model trained on the fetched tasks separates them.
            var predict = new JsonObject
            {
                ["tasks"] = new JsonArray([.. TextClassifierTests.HeldOut.Select((h, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["data"] = new JsonObject { ["text"] = h.Text } })]),
                ["project"] = "4.1712586036",
                ["label_config"] = TextClassifierTests.Config,
            };
            using var predicted = await client.PostAsync("/predict", new StringContent(predict.ToJsonString(), Encoding.UTF8, "application/json"));
            var results = JsonNode.Parse(await predicted.Content.ReadAsStringAsync())!["results"]!.AsArray();
            results.Select(r => r!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()).Should().Equal(TextClassifierTests.HeldOut.Select(h => h.Label));
            results.Select(r => r!["model_version"]!.GetValue<string>()).Should().AllBe("textclf.1");
        }
        finally
        {
            await stop.CancelAsync();
            (await run).Should().Be(ExitCodes.Success);
            Directory.Delete(data, recursive: true);
        }
    }

    [Test]
    public async Task Serve_LabelStudioUrlWithoutKey_IsAUsageErrorNamingTheVariable()
    {
        var result = await CliRunner.RunAsync(["serve", "--port", "0", "--label-studio-url", "http://localhost:8080"]);
        result.ExitCode.Should().Be(ExitCodes.UsageOrIoError);
        result.Error.Should().Contain("LABEL_STUDIO_API_KEY");
    }

    [TestCase("localhost:8080")]
    [TestCase("ftp://localhost/")]
    public async Task Serve_LabelStudioUrlNotHttp_IsAUsageError(string url)
    {
        var result = await CliRunner.RunAsync(["serve", "--port", "0", "--label-studio-url", url], variables: new Dictionary<string, string> { ["LABEL_STUDIO_API_KEY"] = ApiKey });
        result.ExitCode.Should().Be(ExitCodes.UsageOrIoError);
        result.Error.Should().Contain("absolute http(s) URL");
    }

    [Test]
    public void ResolveLabelStudio_PythonBackendNames_AreAccepted()
    {
        // The official Python backend reads LABEL_STUDIO_HOST and LABEL_STUDIO_ACCESS_TOKEN when the main names are unset.
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            OpenStandardInput = () => new StringReader(string.Empty),
            GetVariable = name => name switch { "LABEL_STUDIO_HOST" => "http://ls.example:8080", "LABEL_STUDIO_ACCESS_TOKEN" => ApiKey, _ => null },
            WorkingDirectory = Path.GetTempPath(),
        };
        var (labelStudio, problem) = ServeCommand.ResolveLabelStudio(environment, option: null);
        problem.Should().BeNull();
        labelStudio!.Value.Url.Should().Be(new Uri("http://ls.example:8080"));
        labelStudio.Value.ApiKey.Should().Be(ApiKey);
    }

    private static async Task<FakeLabelStudio> StartFakeLabelStudioAsync(ConcurrentQueue<(string, string)> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        // Label Studio's Data Manager task list: an envelope with totals. One task has no annotation (a server that
        // ignored only_annotated); the rest are the classifier tests' training set.
        var tasks = new JsonArray();
        foreach (var (example, i) in TextClassifierTests.Training.Select((t, i) => (t, i)))
        {
            tasks.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["data"] = new JsonObject { ["text"] = example.Text },
                ["annotations"] = new JsonArray(new JsonObject
                {
                    ["id"] = 100 + i,
                    ["was_cancelled"] = false,
                    ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray(example.Label) } }),
                }),
                ["predictions"] = new JsonArray(),
            });
        }

        tasks.Add(new JsonObject { ["id"] = 99, ["data"] = new JsonObject { ["text"] = "unlabelled" }, ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() });
        var page = new JsonObject { ["total_annotations"] = TextClassifierTests.Training.Length, ["total_predictions"] = 0, ["total"] = tasks.Count, ["tasks"] = tasks }.ToJsonString();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        app.MapGet("/api/tasks/", (HttpContext context) => context.Request.Query["page"] == "1"
            ? Results.Text(page, "application/json")
            : Results.NotFound());
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new FakeLabelStudio(app, new Uri($"http://localhost:{address.Port}/"));
    }

    private sealed class FakeLabelStudio(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The real store, plus a signal when a trained version is stored.</summary>
    private sealed class SignallingStore(FileProjectStateStore inner, TaskCompletionSource<string> trained) : IProjectStateStore
    {
        public Task<ProjectState?> GetAsync(string projectId, CancellationToken cancellationToken = default) => inner.GetAsync(projectId, cancellationToken);

        public Task SaveAsync(ProjectState state, CancellationToken cancellationToken = default) => inner.SaveAsync(state, cancellationToken);

        public async Task<ProjectState> UpdateAsync(string projectId, Func<ProjectState?, ProjectState> update, CancellationToken cancellationToken = default)
        {
            var state = await inner.UpdateAsync(projectId, update, cancellationToken);
            if (state.ModelVersion.StartsWith("textclf.", StringComparison.Ordinal))
            {
                trained.TrySetResult(state.ModelVersion);
            }

            return state;
        }

        public string GetModelDirectory(string projectId) => inner.GetModelDirectory(projectId);
    }
}
