using LabelStudio.Formats.Conversion;
using System.Net;
using System.Text.Json;
using LabelStudio.Client.Import;
using LabelStudio.Client.Jobs;
using LabelStudio.Client.Storage;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>Imports (sync and async), export snapshots (create, poll, convert, download), storage sync polling.</summary>
public class JobsTests
{
    [Test]
    public async Task ImportJson_CommunitySyncAnswer_CountsFromFixture()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        await using var body = File.OpenRead(Responses.FixturePath("import__tasks__request.json"));

        var result = await test.Client.Import.ImportJsonAsync(1, body, new ImportOptions { ReturnTaskIds = true });

        result.TaskCount.Should().Be(1);
        result.PredictionCount.Should().Be(0, "the server sends prediction_count, not the spec's predictions_count");
        result.TaskIds.Should().Equal(205);
        result.FoundFormats!.Value.GetProperty(".png").GetInt32().Should().Be(1, "found_formats is an object on the wire");
        var sent = handler.All.Single();
        sent.PathAndQuery.Should().Be("/api/projects/1/import?return_task_ids=true");
        sent.ContentType.Should().StartWith("application/json");
        sent.Body.Should().Be(Responses.Fixture("import__tasks__request.json"));
    }

    [Test]
    public async Task ImportJson_AsyncAnswer_PollsUntilCompleted()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks_async__response.json", HttpStatusCode.Created))
            .OnSequence(HttpMethod.Get, "/api/projects/1/imports/2439745/",
                () => Responses.Json("{\"id\": 2439745, \"status\": \"in_progress\"}"),
                () => Responses.Json("{\"id\": 2439745, \"status\": \"completed\", \"task_count\": 3, \"task_ids\": [7, 8, 9]}"));
        using var test = new TestClient(handler);
        var seen = new List<JobStatus?>();
        using var body = new MemoryStream("[{\"text\": \"a\"}]"u8.ToArray());

        var result = await test.Client.Import.ImportJsonAsync(1, body, new ImportOptions { Progress = new SyncProgress<ImportResult>(r => seen.Add(r.Status)) });

        result.Status.Should().Be(JobStatus.Completed);
        result.TaskIds.Should().Equal(7, 8, 9);
        seen.Should().Equal(JobStatus.Created, JobStatus.InProgress, JobStatus.Completed);
    }

    [Test]
    public async Task ImportJson_AsyncFailed_ThrowsJobExceptionWithServerError()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks_async__response.json", HttpStatusCode.Created))
            .On(HttpMethod.Get, "/api/projects/1/imports/2439745/", () => Responses.Json("{\"id\": 2439745, \"status\": \"failed\", \"error\": \"Data item 0 has no 'text'\"}"));
        using var test = new TestClient(handler);
        using var body = new MemoryStream("[{}]"u8.ToArray());

        var act = () => test.Client.Import.ImportJsonAsync(1, body);

        var e = (await act.Should().ThrowAsync<LabelStudioJobException>()).Which;
        e.Status.Should().Be(JobStatus.Failed);
        e.Detail.Should().Be("Data item 0 has no 'text'");
    }

    [Test]
    public async Task ImportJson_AsyncNeverFinishes_TimesOutOnTheClientClock()
    {
        TestClient? test = null;
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks_async__response.json", HttpStatusCode.Created))
            .On(HttpMethod.Get, "/api/projects/1/imports/2439745/", () =>
            {
                // Each poll costs a minute of (fake) time, so a 5-minute polling budget runs out after a few polls.
                test!.Time.Advance(TimeSpan.FromMinutes(1));
                return Responses.Json("{\"id\": 2439745, \"status\": \"in_progress\"}");
            });
        test = new TestClient(handler, o => o.Polling = new PollingOptions { Interval = TimeSpan.Zero, MaxInterval = TimeSpan.Zero, Timeout = TimeSpan.FromMinutes(5) });
        using var disposeTest = test;
        using var body = new MemoryStream("[]"u8.ToArray());

        var act = () => test.Client.Import.ImportJsonAsync(1, body);

        await act.Should().ThrowAsync<TimeoutException>();
        // Zero interval: polls at minutes 0..5 are within the 5-minute budget, the next would start after it.
        handler.All.Count(r => r.Method == HttpMethod.Get).Should().Be(6);
    }

    [Test]
    public async Task ImportFiles_Multipart_StreamsEachFileWithItsName()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__preview_upload__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        using var a = new MemoryStream("time,value\n1,2\n"u8.ToArray());
        using var b = new MemoryStream("time,value\n3,4\n"u8.ToArray());

        var result = await test.Client.Import.ImportFilesAsync(1, [new ImportFile(a, "a.csv"), new ImportFile(b, "b.csv")], new ImportOptions { CommitToProject = false });

        result.FileUploadIds.Should().Equal(212, 213);
        var sent = handler.All.Single();
        sent.PathAndQuery.Should().Be("/api/projects/1/import?commit_to_project=false");
        sent.ContentType.Should().StartWith("multipart/form-data");
        sent.Body.Should().Contain("name=\"file\"; filename=\"a.csv\"").And.Contain("name=\"file_1\"; filename=\"b.csv\"").And.Contain("text/csv").And.Contain("3,4");
    }

    [Test]
    public async Task ImportUrl_FormField_SentAsUrlEncoded()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", () => Responses.FromFixture("import__tasks__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        await test.Client.Import.ImportUrlAsync(1, new Uri("https://example.org/tasks.json"));
        handler.All.Single().Body.Should().Be("url=https%3A%2F%2Fexample.org%2Ftasks.json");
    }

    [Test]
    public async Task Reimport_FixtureBody_PostedToTheUnspecifiedEndpoint()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/reimport", () => Responses.FromFixture("import__tasks__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        var result = await test.Client.Import.ReimportAsync(1, [212, 213]);
        result.TaskCount.Should().Be(1);
        JsonDocument.Parse(handler.All.Single().Body!).RootElement.GetRawText().Should().Be(JsonDocument.Parse(Responses.Fixture("import__reimport__request.json")).RootElement.GetRawText().Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    [Test]
    public void ImportFiles_NoFiles_ArgumentException()
    {
        using var test = new TestClient(new RecordingHandler());
        var act = () => test.Client.Import.ImportFilesAsync(1, []);
        act.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task DownloadFile_TraversalName_RejectedBeforeSending()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);
        var act = () => test.Client.Import.DownloadFileAsync("../../etc/passwd", Stream.Null);
        await act.Should().ThrowAsync<ArgumentException>();
        handler.All.Should().BeEmpty();
    }

    [Test]
    public async Task Export_YoloFlow_CreatesPollsConvertsAndStreamsTheFile()
    {
        var download = "fake zip bytes \u0001\u0002"u8.ToArray();
        var handler = new RecordingHandler();
        handler.On(HttpMethod.Get, "/api/projects/1/exports/3/download", () =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(download) };
            r.Content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "\"project-1.zip\"" };
            return r;
        });
        handler
            .On(HttpMethod.Post, "/api/projects/1/exports/", () => Responses.FromFixture("exports__create__response.json", HttpStatusCode.Created))
            .On(HttpMethod.Post, "/api/projects/1/exports/3/convert", () => Responses.Json("{\"export_type\": \"YOLO\", \"converted_format\": 8}"))
            .OnSequence(HttpMethod.Get, "/api/projects/1/exports/3",
                () => Responses.Json("{\"id\": 3, \"status\": \"in_progress\", \"converted_formats\": []}"),
                () => Responses.Json("{\"id\": 3, \"status\": \"completed\", \"converted_formats\": []}"),
                () => Responses.Json("{\"id\": 3, \"status\": \"completed\", \"converted_formats\": [{\"id\": 8, \"status\": \"in_progress\", \"export_type\": \"YOLO\"}]}"),
                () => Responses.Json("{\"id\": 3, \"status\": \"completed\", \"converted_formats\": [{\"id\": 8, \"status\": \"completed\", \"export_type\": \"YOLO\"}]}"));
        using var test = new TestClient(handler);
        using var output = new MemoryStream();

        var result = await test.Client.Exports.ExportAsync(1, ExportFormat.Yolo, output);

        output.ToArray().Should().Equal(download);
        result.FileName.Should().Be("project-1.zip");
        result.Length.Should().Be(download.Length);
        handler.All[^1].PathAndQuery.Should().Be("/api/projects/1/exports/3/download?exportType=YOLO");
        JsonDocument.Parse(handler.All.Single(r => r.Uri.AbsolutePath.EndsWith("/convert", StringComparison.Ordinal)).Body!).RootElement.GetProperty("export_type").GetString().Should().Be("YOLO");
    }

    [Test]
    public async Task Export_ConversionFailed_JobExceptionWithTraceback()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/projects/1/exports/3", () => Responses.Json("{\"id\": 3, \"status\": \"completed\", \"converted_formats\": [{\"id\": 8, \"status\": \"failed\", \"export_type\": \"COCO\", \"traceback\": \"No image tags\"}]}"));
        using var test = new TestClient(handler);
        var act = () => test.Client.Exports.WaitForConversionAsync(1, 3, 8);
        (await act.Should().ThrowAsync<LabelStudioJobException>()).Which.Detail.Should().Be("No image tags");
    }

    [Test]
    public async Task ExportList_Fixture_StatusesAndConversions()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/exports/", () => Responses.FromFixture("exports__list__response.json"));
        using var test = new TestClient(handler);
        var all = await test.Client.Exports.List(1).ToListAsync();
        all.Select(s => s.Status).Should().Equal(JobStatus.Completed, JobStatus.InProgress);
        all[0].ConvertedFormats!.Single().ExportType.Should().Be(ExportFormat.Json);
    }

    [Test]
    public async Task ExportCreate_FixtureRequest_SerializedAsTheServerExpects()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/exports/", () => Responses.FromFixture("exports__create__response.json", HttpStatusCode.Created));
        using var test = new TestClient(handler);
        var request = JsonSerializer.Deserialize(Responses.Fixture("exports__create__request.json"), Http.LabelStudioJsonContext.Default.ExportSnapshotRequest)!;

        await test.Client.Exports.CreateAsync(1, request);

        var sent = JsonDocument.Parse(handler.All.Single().Body!).RootElement;
        sent.GetProperty("task_filter_options").GetProperty("only_with_annotations").GetBoolean().Should().BeTrue();
        sent.GetProperty("annotation_filter_options").GetProperty("usual").GetBoolean().Should().BeTrue();
        sent.GetProperty("serialization_options").GetProperty("interpolate_key_frames").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task StorageSync_PollsUntilCompleted()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/storages/s3/5/sync", () => Responses.Json("{\"id\": 5, \"status\": \"queued\"}"))
            .OnSequence(HttpMethod.Get, "/api/storages/s3/5",
                () => Responses.Json("{\"id\": 5, \"status\": \"in_progress\"}"),
                () => Responses.Json("{\"id\": 5, \"status\": \"completed\", \"last_sync_count\": 42}"));
        using var test = new TestClient(handler);

        var storage = await test.Client.ImportStorage.SyncAndWaitAsync(StorageKind.S3, 5);

        storage.LastSyncCount.Should().Be(42);
        handler.All.Count(r => r.Method == HttpMethod.Post).Should().Be(1);
    }

    [Test]
    public async Task ExportStorageSync_Failed_JobExceptionWithTraceback()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/storages/export/localfiles/6/sync", () => Responses.Json("{\"id\": 6, \"status\": \"queued\"}"))
            .On(HttpMethod.Get, "/api/storages/export/localfiles/6", () => Responses.Json("{\"id\": 6, \"status\": \"failed\", \"traceback\": \"Permission denied\"}"));
        using var test = new TestClient(handler);
        var act = () => test.Client.ExportStorage.SyncAndWaitAsync(StorageKind.LocalFiles, 6);
        (await act.Should().ThrowAsync<LabelStudioJobException>()).Which.Detail.Should().Be("Permission denied");
    }

    [Test]
    public async Task StorageSync_Unavailable_NotRetried()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/storages/gcs/5/sync", () => Responses.Status(HttpStatusCode.ServiceUnavailable));
        using var test = new TestClient(handler);
        var act = () => test.Client.ImportStorage.SyncAsync(StorageKind.Gcs, 5);
        await act.Should().ThrowAsync<LabelStudioApiException>();
        handler.All.Should().HaveCount(1, "a replayed sync starts a second job");
    }

    [Test]
    public async Task StorageKind_PathInjection_Rejected()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);
        var act = () => test.Client.ImportStorage.GetAsync(new StorageKind("s3/../../users"), 1);
        await act.Should().ThrowAsync<ArgumentException>();
        handler.All.Should().BeEmpty();
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
