using LabelStudio.Formats.Conversion;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabelStudio.Client.DataManager;
using LabelStudio.Client.Import;
using LabelStudio.Client.MachineLearning;
using LabelStudio.Client.Organizations;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Storage;
using LabelStudio.Client.Tasks;
using LabelStudio.Client.Tokens;
using LabelStudio.Client.Users;
using LabelStudio.Client.Webhooks;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Client.Tests.Contract;

/// <summary>
/// Calls every client method against a Prism mock of the (patched) official spec. Prism validates each request
/// (path, query, body) and answers 4xx when it does not match, so a passing case means the spec accepts what we send
/// and we can read what the spec says comes back. The call must also hit the operation's own method and path.
/// </summary>
[Category("Contract")]
[NonParallelizable]
public class ContractTests
{
    private static readonly string Pat = JsonDocument.Parse(File.ReadAllText(Infrastructure.Responses.FixturePath("tokens__refresh__request.json"))).RootElement.GetProperty("refresh").GetString()!;

    private PrismServer? _prism;
    private ServiceProvider? _services;
    private LabelStudioClient? _client;
    private readonly ConcurrentQueue<(HttpMethod Method, string Path)> _sent = new();
    private string? _workDirectory;

    [OneTimeSetUp]
    public async Task StartMock()
    {
        _workDirectory = Directory.CreateTempSubdirectory("labelstudio-prism-").FullName;
        var spec = Path.Combine(_workDirectory, "openapi.patched.yaml");
        var report = SpecPatcher.Patch(Path.Combine(LabelStudio.Testing.RepositoryPaths.TestData, "Client", "openapi.yaml"), spec);

        // Counts from reference client.md §11.3: about 150 type-less nullables, 23 oneOf, 24 patterned strings.
        report.NullableRemoved.Should().BeGreaterThan(100);
        report.OneOfRenamed.Should().BeGreaterThan(10);
        report.ExamplesAdded.Should().Be(24);

        _prism = await PrismServer.StartAsync(spec);
        var services = new ServiceCollection();
        services.AddSingleton(_sent);
        services.AddTransient<Capture>();
        services.AddLabelStudioClient(o =>
        {
            o.BaseUrl = _prism.BaseUrl;
            o.ApiKey = Infrastructure.TestClient.LegacyKey;
            o.MaxRetries = 0;
            o.Polling = new PollingOptions { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromMinutes(1) };
        }).AddHttpMessageHandler<Capture>();
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<LabelStudioClient>();
    }

    [OneTimeTearDown]
    public async Task StopMock()
    {
        _client?.Dispose();
        _services?.Dispose();
        if (_prism is not null)
        {
            await _prism.DisposeAsync();
        }

        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => AllCases().Select(c => new TestCaseData(c.OperationId, c.Call).SetName($"Operation_{c.OperationId}_AcceptedByTheSpec"));

    [Test]
    public void Cases_CoverEveryImplementedOperation()
    {
        var covered = AllCases().Select(c => c.OperationId).ToHashSet();
        CoverageTests.ImplementedOperations().Where(id => !covered.Contains(id)).Should().BeEmpty("every client method runs against the mock");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Operation(string operationId, Func<LabelStudioClient, Task> call)
    {
        var (method, template, _) = CoverageTests.CommunityPublicOperations().Concat(ExtraOperations).Single(o => o.OperationId == operationId);
        _sent.Clear();

        try
        {
            await call(_client!);
        }
        catch (LabelStudioApiException e)
        {
            Assert.Fail($"{operationId}: the mock rejected the request or failed: {e.Message}\n{e.Error.RawBody}");
        }

        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
        _sent.Should().Contain(r => r.Method.Method == method && Regex.IsMatch(r.Path, pattern), $"{operationId} must call {method} {template}");
    }

    private static readonly (string Method, string Path, string OperationId)[] ExtraOperations =
    [
        ("GET", "/api/projects/{id}/export/formats", "api_projects_export_formats_retrieve"),
        ("POST", "/api/ml/{id}/predict/test", "api_ml_predict_test_create"),
        ("GET", "/api/projects/{id}/tasks/", "api_projects_tasks_list"),
    ];

    /// <summary>
    /// Runs a call whose request the mock must accept (a 4xx still fails the case) but whose generated answer our models may
    /// refuse: a 2xx answer that cannot be read as a task is accepted here, and only here.
    /// </summary>
    private static async Task RequestAccepted(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (LabelStudioJsonException)
        {
            // Thrown while streaming a 2xx task list.
        }
        catch (LabelStudioApiException e) when ((int)e.StatusCode is >= 200 and < 300 && e.InnerException is LabelStudioJsonException)
        {
            // A 2xx single task whose generated body the model refuses.
        }
    }

    private static IEnumerable<(string OperationId, Func<LabelStudioClient, Task> Call)> AllCases()
    {
        static async Task Drain<T>(IAsyncEnumerable<T> items)
        {
            await foreach (var _ in items)
            {
            }
        }

        // Projects
        yield return ("api_projects_list", c => c.Projects.List(new ProjectListOptions { Ordering = "created_at" }).GetPageAsync(1));
        yield return ("api_projects_counts_list", c => c.Projects.ListCounts().GetPageAsync(1));
        yield return ("api_projects_create", c => c.Projects.CreateAsync(new ProjectRequest { Title = "Contract test", LabelConfig = "<View><Text name=\"text\" value=\"$text\"/></View>" }));
        yield return ("api_projects_retrieve", c => c.Projects.GetAsync(1));
        yield return ("api_projects_partial_update", c => c.Projects.UpdateAsync(1, new ProjectRequest { Title = "Renamed project" }));
        yield return ("api_projects_destroy", c => c.Projects.DeleteAsync(1));
        yield return ("api_projects_annotators_retrieve", c => c.Projects.ListAnnotatorsAsync(1));
        yield return ("api_projects_validate_label_config", c => c.Projects.ValidateLabelConfigAsync(1, "<View><Text name=\"text\" value=\"$text\"/></View>"));
        yield return ("api_projects_tasks_destroy", c => c.Projects.DeleteAllTasksAsync(1));
        yield return ("api_projects_export_formats_retrieve", c => c.Projects.ListExportFormatsAsync(1));

        // Tasks. Prism fills task answers from the schema: "data": null in the project task list and "model": {} inside
        // predictions, which the Formats models refuse (data is an object, a prediction's model an id). The request is what
        // these cases check; reading real task bodies is covered by TasksClientTests with the fixtures.
        yield return ("api_tasks_list", async c =>
        {
            await RequestAccepted(() => Drain(c.Tasks.ListAsync(new TaskListOptions { ProjectId = 1, IncludeAnnotations = true, Query = new DataManagerQueryBuilder().Where(DataManagerColumn.TotalAnnotations, FilterOperator.Greater, 0).Build() })));
            await RequestAccepted(() => c.Tasks.ListPageAsync(new TaskListOptions { ViewId = 9, OnlyAnnotated = true, Ids = [1, 2] }, 1));
        });
        yield return ("api_projects_tasks_list", c => RequestAccepted(() => Drain(c.Tasks.ListProjectTasksAsync(1))));
        yield return ("api_tasks_create", c => RequestAccepted(() => c.Tasks.CreateAsync(1, LabelStudioJson.DeserializeTask(File.ReadAllBytes(Infrastructure.Responses.FixturePath("tasks__create__request.json"))))));
        yield return ("api_tasks_retrieve", c => RequestAccepted(() => c.Tasks.GetAsync(5)));
        yield return ("api_tasks_partial_update", c => RequestAccepted(() => c.Tasks.UpdateAsync(5, new LabelStudioTask { Data = new JsonObject { ["text"] = "changed" } })));
        yield return ("api_tasks_destroy", c => c.Tasks.DeleteAsync(5));
        yield return ("api_tasks_events_create", c => c.Tasks.CreateEventAsync(5, new TaskEvent { EventKey = "annotation_loaded", EventTime = new DateTimeOffset(2026, 11, 20, 10, 15, 30, TimeSpan.Zero) }));

        // Import
        yield return ("api_projects_import_create", async c =>
        {
            using var json = new MemoryStream("[{\"text\": \"a\"}, {\"data\": {\"text\": \"b\"}}]"u8.ToArray());
            await c.Import.ImportJsonAsync(1, json, new ImportOptions { WaitForCompletion = false });
            using var csv = new MemoryStream("text\nhello\n"u8.ToArray());
            await c.Import.ImportCsvAsync(1, csv, options: new ImportOptions { WaitForCompletion = false });
            await c.Import.ImportUrlAsync(1, new Uri("https://example.org/tasks.json"), new ImportOptions { WaitForCompletion = false });
        });
        yield return ("api_projects_imports_retrieve", c => c.Import.GetImportAsync(1, 2));
        yield return ("api_projects_file_uploads_list", c => c.Import.ListFileUploadsAsync(1));
        yield return ("api_projects_file_uploads_destroy", c => c.Import.DeleteFileUploadsAsync(1));
        yield return ("api_import_file_upload_retrieve", c => c.Import.GetFileUploadAsync(1));
        yield return ("api_import_file_upload_partial_update", async c =>
        {
            using var file = new MemoryStream("text\nhello\n"u8.ToArray());
            await c.Import.UpdateFileUploadAsync(1, new ImportFile(file, "tasks.csv"));
        });
        yield return ("api_import_file_upload_destroy", c => c.Import.DeleteFileUploadAsync(1));
        yield return ("data_upload_retrieve", c => c.Import.DownloadFileAsync("image.png", Stream.Null));

        // Export
        yield return ("api_projects_exports_list", c => Drain(c.Exports.List(1)));
        yield return ("api_projects_exports_create", c => c.Exports.CreateAsync(1, JsonSerializer.Deserialize(File.ReadAllText(Infrastructure.Responses.FixturePath("exports__create__request.json")), Http.LabelStudioJsonContext.Default.ExportSnapshotRequest)));
        yield return ("api_projects_exports_retrieve", c => c.Exports.GetAsync(1, 3));
        yield return ("api_projects_exports_destroy", c => c.Exports.DeleteAsync(1, 3));
        yield return ("api_projects_exports_convert_create", c => c.Exports.ConvertAsync(1, 3, ExportFormat.Yolo));
        yield return ("api_projects_exports_download_retrieve", c => c.Exports.DownloadAsync(1, 3, Stream.Null, ExportFormat.Json));

        // Data Manager
        yield return ("api_dm_views_list", c => Drain(c.DataManager.ListViews(1)));
        yield return ("api_dm_views_create", c => c.DataManager.CreateViewAsync(1, new DataManagerQueryBuilder().Where(DataManagerColumn.Data("int_field"), FilterOperator.Greater, 5).OrderBy(DataManagerColumn.Data("int_field")).BuildViewData()));
        yield return ("api_dm_views_retrieve", c => c.DataManager.GetViewAsync(9));
        yield return ("api_dm_views_partial_update", c => c.DataManager.UpdateViewAsync(9, 1, new DataManagerQueryBuilder().Where(DataManagerColumn.TotalAnnotations, FilterOperator.Equal, 0).BuildViewData("Unlabeled")));
        yield return ("api_dm_views_destroy", c => c.DataManager.DeleteViewAsync(9));
        yield return ("api_dm_views_reset_destroy", c => c.DataManager.DeleteAllViewsAsync(1));
        yield return ("api_dm_views_order_create", c => c.DataManager.UpdateViewOrderAsync(1, [9, 10]));
        yield return ("api_dm_actions_retrieve", c => c.DataManager.ListActionsAsync(1));
        yield return ("api_dm_actions_create", c => c.DataManager.PerformActionAsync(1, "delete_tasks", new DataManagerQueryBuilder().Where(DataManagerColumn.Id, FilterOperator.Greater, 3).Build()));

        // ML
        yield return ("api_ml_list", c => Drain(c.MlBackends.List(1)));
        yield return ("api_ml_create", c => c.MlBackends.CreateAsync(new MlBackendRequest { Project = 1, Title = "Backend", Url = "http://ml-backend:9090" }));
        yield return ("api_ml_retrieve", c => c.MlBackends.GetAsync(4));
        yield return ("api_ml_partial_update", c => c.MlBackends.UpdateAsync(4, new MlBackendRequest { Url = "http://ml-backend:9091" }));
        yield return ("api_ml_destroy", c => c.MlBackends.DeleteAsync(4));
        yield return ("api_ml_train_create", c => c.MlBackends.TrainAsync(4, useGroundTruth: true));
        yield return ("api_ml_interactive_annotating_create", c => c.MlBackends.PredictInteractiveAsync(4, 5, JsonDocument.Parse("{\"keypoint\": [1, 2]}").RootElement));
        yield return ("api_ml_predict_test_create", c => c.MlBackends.TestPredictAsync(4));
        yield return ("api_ml_versions_retrieve", c => c.MlBackends.ListModelVersionsAsync(4));

        // Webhooks
        yield return ("api_webhooks_list", c => Drain(c.Webhooks.List(1)));
        yield return ("api_webhooks_create", c => c.Webhooks.CreateAsync(new WebhookRequest { Url = "http://127.0.0.1:6666/webhook", Headers = new() { ["X-Test"] = "1" } }));
        yield return ("api_webhooks_retrieve", c => c.Webhooks.GetAsync(2));
        yield return ("api_webhooks_partial_update", c => c.Webhooks.UpdateAsync(2, new WebhookRequest { Url = "http://127.0.0.1:6666/webhook", IsActive = false }));
        yield return ("api_webhooks_destroy", c => c.Webhooks.DeleteAsync(2));
        yield return ("api_webhooks_info_retrieve", c => c.Webhooks.GetActionsInfoAsync());

        // Users
        yield return ("api_users_list", c => Drain(c.Users.List()));
        yield return ("api_users_create", c => c.Users.CreateAsync(new UserRequest { Email = "annotator@example.org", Username = "annotator" }));
        yield return ("api_users_retrieve", c => c.Users.GetAsync(1));
        yield return ("api_users_partial_update", c => c.Users.UpdateAsync(1, new UserRequest { FirstName = "Ada" }));
        yield return ("api_users_destroy", c => c.Users.DeleteAsync(1));
        yield return ("api_current_user_whoami_retrieve", c => c.Users.WhoAmIAsync());
        yield return ("api_current_user_token_retrieve", c => c.Users.GetLegacyTokenAsync());
        yield return ("api_current_user_reset_token_create", c => c.Users.ResetLegacyTokenAsync());
        yield return ("api_current_user_hotkeys_retrieve", c => c.Users.GetHotkeysAsync());
        yield return ("api_current_user_hotkeys_partial_update", c => c.Users.UpdateHotkeysAsync(new Hotkeys { CustomHotkeys = JsonDocument.Parse("{\"annotation:submit\": {\"key\": \"ctrl+enter\"}}").RootElement }));

        // Tokens
        yield return ("api_token_list", c => Drain(c.Tokens.List()));
        yield return ("api_token_create", c => c.Tokens.CreateAsync());
        yield return ("api_token_refresh_create", c => c.Tokens.RefreshAsync(Pat));
        yield return ("api_token_rotate_create", c => c.Tokens.RotateAsync(Pat));
        yield return ("api_token_blacklist_create", c => c.Tokens.BlacklistAsync(Pat));
        yield return ("api_jwt_settings_retrieve", c => c.Tokens.GetJwtSettingsAsync());
        yield return ("api_jwt_settings_create", c => c.Tokens.UpdateJwtSettingsAsync(new JwtSettings { ApiTokensEnabled = true, LegacyApiTokensEnabled = false, ApiTokenTtlDays = 30 }));

        // Organizations
        yield return ("api_organizations_list", c => Drain(c.Organizations.List()));
        yield return ("api_organizations_retrieve", c => c.Organizations.GetAsync(1));
        yield return ("api_organizations_memberships_list", c => c.Organizations.ListMembers(1).GetPageAsync(1));
        yield return ("api_organizations_memberships_retrieve", c => c.Organizations.GetMemberAsync(1, 1));
        yield return ("api_organizations_memberships_destroy", c => c.Organizations.RemoveMemberAsync(1, 1));
        yield return ("api_invite_retrieve", c => c.Organizations.GetInviteAsync());
        yield return ("api_invite_reset_token_create", c => c.Organizations.ResetInviteTokenAsync());
        yield return ("api_session_policy_retrieve", c => c.Organizations.GetSessionPolicyAsync());
        yield return ("api_session_policy_partial_update", c => c.Organizations.UpdateSessionPolicyAsync(new SessionPolicy { MaxSessionAgeDays = 7 }));

        // Version
        yield return ("api_version_retrieve", c => c.GetVersionAsync());

        // Storages: five kinds, both sides.
        foreach (var (kind, location) in new (StorageKind, Func<StorageRequest>)[]
        {
            (StorageKind.S3, () => new StorageRequest { Project = 1, Bucket = "bucket", Prefix = "images/" }),
            (StorageKind.Gcs, () => new StorageRequest { Project = 1, Bucket = "bucket", Prefix = "images/" }),
            (StorageKind.Azure, () => new StorageRequest { Project = 1, Container = "container", Prefix = "images/" }),
            (StorageKind.Redis, () => new StorageRequest { Project = 1, Path = "tasks" }),
            (StorageKind.LocalFiles, () => new StorageRequest { Project = 1, Path = "/data/images" }),
        })
        {
            foreach (var export in new[] { false, true })
            {
                var prefix = export ? $"api_storages_export_{kind}" : $"api_storages_{kind}";
                StorageClient Side(LabelStudioClient c) => export ? c.ExportStorage : c.ImportStorage;
                yield return ($"{prefix}_list", c => Drain(Side(c).List(kind, 1)));
                yield return ($"{prefix}_create", c => Side(c).CreateAsync(kind, location()));
                yield return ($"{prefix}_validate_create", c => Side(c).ValidateAsync(kind, location()));
                yield return ($"{prefix}_retrieve", c => Side(c).GetAsync(kind, 1));
                yield return ($"{prefix}_partial_update", c => Side(c).UpdateAsync(kind, 1, new StorageRequest { Title = "renamed" }));
                yield return ($"{prefix}_destroy", c => Side(c).DeleteAsync(kind, 1));
                yield return ($"{prefix}_sync_create", c => Side(c).SyncAsync(kind, 1));
            }
        }

        yield return ("api_storages_types_retrieve", c => c.ImportStorage.ListTypesAsync());
        yield return ("api_storages_export_types_retrieve", c => c.ExportStorage.ListTypesAsync());
    }

    private sealed class Capture(ConcurrentQueue<(HttpMethod Method, string Path)> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue((request.Method, request.RequestUri!.AbsolutePath));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
