using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.MlBackend.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.MlBackend.Tests;

[TestFixture]
public sealed class LabelStudioClientTaskSourceTests
{
    private const string ApiKey = "ls-key-abcdef0123456789";

    // Five tasks of project 7, two per page; task 3 has no annotation (a server that ignores only_annotated).
    private static readonly long[] AnnotatedIds = [1, 2, 4, 5];

    private static async Task<FakeLabelStudio> StartLabelStudioAsync(int status = 200)
    {
        return await FakeLabelStudio.StartAsync(app => app.MapGet("/api/tasks/", (HttpContext context) =>
        {
            if (status != 200)
            {
                return Results.Json(new JsonObject { ["detail"] = "Invalid token." }, statusCode: status);
            }

            var page = int.Parse(context.Request.Query["page"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var size = int.Parse(context.Request.Query["page_size"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var tasks = new JsonArray();
            for (var id = ((page - 1) * size) + 1; id <= Math.Min(page * size, 5); id++)
            {
                var annotations = new JsonArray();
                if (id != 3)
                {
                    annotations.Add(new JsonObject
                    {
                        ["id"] = 100 + id,
                        ["result"] = new JsonArray(new JsonObject { ["from_name"] = "sentiment", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray("Positive") } }),
                    });
                }

                tasks.Add(new JsonObject { ["id"] = id, ["data"] = new JsonObject { ["text"] = $"text {id}" }, ["annotations"] = annotations, ["predictions"] = new JsonArray() });
            }

            return tasks.Count == 0 ? Results.NotFound() : Results.Text(new JsonObject { ["total"] = 5, ["tasks"] = tasks }.ToJsonString(), "application/json");
        }));
    }

    [Test]
    public async Task AddLabelStudioTaskSource_PythonBackendVariableNames_ListsEveryAnnotatedTaskAcrossPages()
    {
        await using var labelStudio = await StartLabelStudioAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_HOST"] = labelStudio.Url.ToString(),
            ["LABEL_STUDIO_ACCESS_TOKEN"] = ApiKey,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddLabelStudioTaskSource(o => o.PageSize = 2);
        await using var provider = services.BuildServiceProvider();

        var source = provider.GetRequiredService<ILabelStudioTaskSource>();
        source.Should().BeOfType<LabelStudioClientTaskSource>();
        var tasks = new List<LabelStudioTask>();
        await foreach (var task in source.GetAnnotatedTasksAsync("7"))
        {
            tasks.Add(task);
        }

        tasks.Select(t => t.Id!.Value).Should().Equal(AnnotatedIds);
        tasks.Should().AllSatisfy(t => t.Annotations.Single().Results.Single().Value.Should().BeOfType<ChoicesValue>());
        var listings = labelStudio.Requests.Where(r => r.PathAndQuery.StartsWith("/api/tasks/", StringComparison.Ordinal)).ToList();
        listings.Should().HaveCount(3, "5 tasks at 2 per page");
        listings.Should().AllSatisfy(r =>
        {
            r.PathAndQuery.Should().Contain("project=7").And.Contain("fields=all").And.Contain("only_annotated=true").And.Contain("page_size=2");
            r.Authorization.Should().Be("Token " + ApiKey);
        });
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("7.1712586036")]
    public async Task GetAnnotatedTasksAsync_NotAProjectId_ThrowsNamingIt(string projectId)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLabelStudioTaskSource(o =>
        {
            o.BaseUrl = new Uri("http://localhost:1/");
            o.ApiKey = ApiKey;
        });
        await using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<ILabelStudioTaskSource>();

        var act = () => source.GetAnnotatedTasksAsync(projectId);
        act.Should().Throw<ArgumentException>().WithMessage($"*'{projectId}'*");
    }

    [Test]
    public async Task StartTraining_ThroughTheWebhook_FitStreamsTheAnnotatedTasks()
    {
        await using var labelStudio = await StartLabelStudioAsync();
        await using var server = await BackendServer<TaskCollectingModel>.StartAsync(configureServices: services => services.AddLabelStudioTaskSource(o =>
        {
            o.BaseUrl = labelStudio.Url;
            o.ApiKey = ApiKey;
            o.PageSize = 2;
        }));
        var done = WaitForBatch(server);

        var body = new JsonObject { ["action"] = "START_TRAINING", ["project"] = new JsonObject { ["id"] = 7, ["label_config"] = "<View/>" } }.ToJsonString();
        using var answer = await server.Client.PostAsync("/webhook", new StringContent(body, Encoding.UTF8, "application/json"));
        answer.StatusCode.Should().Be(HttpStatusCode.Created);

        var (version, failure) = await done.WaitAsync(TimeSpan.FromMinutes(1));
        failure.Should().BeNull();
        version.Should().Be("tasks-4");
        server.Backend.TaskIds.Should().Equal(AnnotatedIds);
    }

    [Test]
    public async Task StartTraining_LabelStudioRefusesTheKey_FitFailsAndTheKeyIsNotLogged()
    {
        await using var labelStudio = await StartLabelStudioAsync(status: 401);
        var logs = new LogCollector();
        await using var server = await BackendServer<TaskCollectingModel>.StartAsync(configureServices: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddLabelStudioTaskSource(o =>
            {
                o.BaseUrl = labelStudio.Url;
                o.ApiKey = ApiKey;
                o.MaxRetries = 0;
            });
        });
        var done = WaitForBatch(server);

        var body = new JsonObject { ["action"] = "START_TRAINING", ["project"] = new JsonObject { ["id"] = 7 } }.ToJsonString();
        using var answer = await server.Client.PostAsync("/webhook", new StringContent(body, Encoding.UTF8, "application/json"));
        answer.StatusCode.Should().Be(HttpStatusCode.Created, "the webhook only queues; training runs in the background");

        var (version, failure) = await done.WaitAsync(TimeSpan.FromMinutes(1));
        version.Should().BeNull();
        failure.Should().BeAssignableTo<LabelStudio.Client.LabelStudioApiException>();
        logs.All.Should().Contain("training failed").And.NotContain(ApiKey);

        // The server keeps serving.
        using var health = await server.Client.GetAsync("/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<(string? Version, Exception? Failure)> WaitForBatch<TBackend>(BackendServer<TBackend> server)
        where TBackend : LabelStudioMlBackend
    {
        var done = new TaskCompletionSource<(string?, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Training.BatchCompleted += (_, version, failure) => done.TrySetResult((version, failure));
        return done.Task;
    }

    /// <summary>Trains by reading every annotated task of the project from the task source; the version counts them.</summary>
    internal sealed class TaskCollectingModel : LabelStudioMlBackend
    {
        public List<long> TaskIds { get; } = [];

        public override Task<IReadOnlyList<IReadOnlyList<Prediction>>> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<IReadOnlyList<Prediction>>>([.. request.Tasks.Select(_ => (IReadOnlyList<Prediction>)[])]);

        public override async Task<string?> FitAsync(TrainingRequest request, CancellationToken cancellationToken = default)
        {
            request.TaskSource.Should().NotBeNull();
            await foreach (var task in request.TaskSource!.GetAnnotatedTasksAsync(request.ProjectId, cancellationToken))
            {
                TaskIds.Add(task.Id!.Value);
            }

            return $"tasks-{TaskIds.Count}";
        }
    }
}
