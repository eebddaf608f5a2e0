using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public class ExportCommandTests
{
    private const int ProjectId = 1;

    private FakeLabelStudio _server = null!;
    private string _work = null!;

    private static string Case(string name, string file) => Path.Combine(RepositoryPaths.TestData, "Formats", name, file);

    [SetUp]
    public async Task SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-export-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
        _server = await FakeLabelStudio.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["LABEL_STUDIO_URL"] = _server.Url.ToString(),
        ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.ApiKey,
    };

    /// <summary>Serves a converter case as project 1: its config as the project's, its export's tasks as the task list.</summary>
    private void ServeCase(string name, Action<JsonArray>? change = null)
    {
        var project = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "Client", "fixtures", "projects__create__response.json")))!.AsObject();
        project["id"] = ProjectId;
        project["label_config"] = File.ReadAllText(Case(name, "config.xml"));
        _server.Projects[ProjectId] = project.ToJsonString();
        var tasks = JsonNode.Parse(File.ReadAllText(Case(name, "export.json")))!.AsArray();
        change?.Invoke(tasks);
        _server.Tasks[ProjectId] = tasks;
    }

    /// <summary>Serves the with_images_local_files media at the /data/local-files/ URLs its tasks name.</summary>
    private void ServeLocalFiles()
    {
        foreach (var file in new[] { "a.png", "b.jpg" })
        {
            _server.Files["/data/local-files/?d=local/" + file] = File.ReadAllBytes(Case("with_images_local_files", Path.Combine("media", "local", file)));
        }
    }

    /// <summary>Drops the task whose image the server does not have (missing.jpg), for runs that should succeed.</summary>
    private static void WithoutMissingImage(JsonArray tasks) => tasks.RemoveAt(tasks.Count - 1);

    private static Dictionary<string, string> FilesUnder(string directory, Func<string, bool>? include = null) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => include?.Invoke(f) ?? true)
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(directory, f)));

    private static string CachePathOf(string output, string reference) =>
        Path.Combine(output, ".labelstudio-download", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference))));

    private IEnumerable<FakeRequest> MediaRequests => _server.RequestsTo("/data/");

    [Test]
    public async Task Export_ToYolo_WritesTheOfficialLabelsAndWhatConvertWritesFromTheSameTasks()
    {
        ServeCase("yolo_bbox_two_annotators");
        var exported = Path.Combine(_work, "exported");
        var converted = Path.Combine(_work, "converted");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", exported], variables: Environment());
        var convert = await CliRunner.RunAsync(["convert", Case("yolo_bbox_two_annotators", "export.json"), "--config", Case("yolo_bbox_two_annotators", "config.xml"), "--to", "YOLO", "--output", converted]);

        result.ExitCode.Should().Be(0, result.Error);
        convert.ExitCode.Should().Be(0, convert.Error);
        FilesUnder(exported).Should().BeEquivalentTo(FilesUnder(converted), "the API tasks are the export's tasks, converted the same way");
        var expected = Case("yolo_bbox_two_annotators", Path.Combine("expected", "YOLO"));
        FilesUnder(exported, f => f != "notes.json").Should().BeEquivalentTo(FilesUnder(expected, f => f != "notes.json"), "classes.txt and the label files are the official converter's");
        result.Out.Trim().Should().Be($"exported 2 task(s) of project 1 as YOLO to {exported}");
        Directory.EnumerateFiles(_work, "*.json").Should().BeEmpty("the temporary task file is deleted");
    }

    [Test]
    public async Task Export_ToCoco_WritesWhatConvertWritesFromTheSameTasks()
    {
        ServeCase("yolo_bbox_two_annotators");
        var exported = Path.Combine(_work, "exported");
        var converted = Path.Combine(_work, "converted");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "COCO", "--output", exported, "--json"], variables: Environment());
        var convert = await CliRunner.RunAsync(["convert", Case("yolo_bbox_two_annotators", "export.json"), "--config", Case("yolo_bbox_two_annotators", "config.xml"), "--to", "COCO", "--output", converted]);

        result.ExitCode.Should().Be(0, result.Error);
        convert.ExitCode.Should().Be(0, convert.Error);
        static JsonNode WithoutRunTime(string folder)
        {
            // info.date_created is the time of the run (volatile in the case); everything else must be equal.
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "result.json")))!;
            json["info"]!.AsObject().Remove("date_created");
            return json;
        }

        JsonNode.DeepEquals(WithoutRunTime(exported), WithoutRunTime(converted)).Should().BeTrue();
        using var document = JsonDocument.Parse(result.Out);
        document.RootElement.GetProperty("format").GetString().Should().Be("COCO");
        document.RootElement.GetProperty("written").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("tasks").GetInt64().Should().Be(2);
        document.RootElement.GetProperty("report").GetProperty("tasks_read").GetInt64().Should().Be(2);
        document.RootElement.GetProperty("media").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Test]
    public async Task Export_UnknownFormat_IsAUsageErrorListingTheValidOnes()
    {
        ServeCase("yolo_bbox_two_annotators");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "PARQUET", "--output", Path.Combine(_work, "out")], variables: Environment());

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("PARQUET").And.Contain("YOLO").And.Contain("COCO").And.Contain("JSON_MIN");
        _server.Requests.Should().BeEmpty("the format is checked before the server is asked anything");
    }

    [Test]
    public async Task Export_FormatNotOfferedForTheConfig_ExitsOneSayingWhy()
    {
        // An image-rectangle config: Label Studio does not offer CONLL2003 for it.
        ServeCase("yolo_bbox_two_annotators");
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "CONLL2003", "--output", output], variables: Environment());

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("CONLL2003 is not offered").And.Contain("Text").And.Contain("YOLO");
        Directory.Exists(output).Should().BeFalse();
    }

    [Test]
    public async Task Export_UnknownProject_ExitsOne()
    {
        var result = await CliRunner.RunAsync(["export", "--project", "7", "--to", "YOLO", "--output", Path.Combine(_work, "out")], variables: Environment());

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("not found");
    }

    [Test]
    public async Task Export_WithImages_DownloadsEachImageOnceWithTheCredentials()
    {
        ServeCase("with_images_local_files", tasks =>
        {
            WithoutMissingImage(tasks);

            // A second task naming a.png again: still one download.
            var copy = tasks[0]!.DeepClone().AsObject();
            copy["id"] = 99;
            tasks.Add(copy);
        });
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images", "--json"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        MediaRequests.Select(r => r.Path + r.Query).Order(StringComparer.Ordinal).Should().Equal("/data/local-files/?d=local/a.png", "/data/local-files/?d=local/b.jpg");
        MediaRequests.Should().OnlyContain(r => r.Authorization == "Token " + FakeLabelStudio.ApiKey && r.Range == string.Empty);
        File.ReadAllBytes(CachePathOf(output, "/data/local-files/?d=local/a.png")).Should().Equal(_server.Files["/data/local-files/?d=local/a.png"]);
        File.ReadAllBytes(CachePathOf(output, "/data/local-files/?d=local/b.jpg")).Should().Equal(_server.Files["/data/local-files/?d=local/b.jpg"]);
        using var document = JsonDocument.Parse(result.Out);
        var media = document.RootElement.GetProperty("media");
        (media.GetProperty("files").GetInt32(), media.GetProperty("downloaded").GetInt32(), media.GetProperty("reused").GetInt32(), media.GetProperty("failed").GetArrayLength())
            .Should().Be((2, 2, 0, 0));
        result.Error.Should().Contain("media: 2 file(s): 2 downloaded");
    }

    [Test]
    public async Task Export_WithImagesYolo_DatasetEqualsTheOfficialYoloWithImages()
    {
        // The official YOLO_WITH_IMAGES output of this case (expected/YOLO_WITH_IMAGES) names each copied image
        // images/<md5(reference)[:8]>__<basename> and its label file after it. The task whose image is missing is left
        // out here (the server has no such file), so its labels/missing.txt is not expected; everything else is.
        ServeCase("with_images_local_files", WithoutMissingImage);
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");
        var expected = Case("with_images_local_files", Path.Combine("expected", "YOLO_WITH_IMAGES"));

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        foreach (var image in new[] { "fc6bbe58__a.png", "bf6b25ea__b.jpg" })
        {
            File.ReadAllBytes(Path.Combine(output, "images", image)).Should().Equal(File.ReadAllBytes(Path.Combine(expected, "images", image)), image);
        }

        Directory.EnumerateFiles(Path.Combine(output, "images")).Select(Path.GetFileName).Should().BeEquivalentTo("fc6bbe58__a.png", "bf6b25ea__b.jpg");
        FilesUnder(Path.Combine(output, "labels")).Should().BeEquivalentTo(
            FilesUnder(Path.Combine(expected, "labels"), f => f != "missing.txt"));
        File.ReadAllText(Path.Combine(output, "classes.txt")).Should().Be(File.ReadAllText(Path.Combine(expected, "classes.txt")));
    }

    [Test]
    public async Task Export_WithImagesRunTwice_DownloadsNothingTheSecondTime()
    {
        ServeCase("with_images_local_files", WithoutMissingImage);
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");
        var first = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO_WITH_IMAGES", "--output", output], variables: Environment());
        first.ExitCode.Should().Be(0, first.Error);
        var requestsAfterFirst = MediaRequests.Count();

        var second = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO_WITH_IMAGES", "--output", output, "--json"], variables: Environment());

        second.ExitCode.Should().Be(0, second.Error);
        requestsAfterFirst.Should().Be(2);
        MediaRequests.Should().HaveCount(2, "complete, verified files are reused");
        using var document = JsonDocument.Parse(second.Out);
        document.RootElement.GetProperty("media").GetProperty("reused").GetInt32().Should().Be(2);
    }

    [Test]
    public async Task Export_WithImagesAndADamagedCacheEntry_FetchesThatFileAgain()
    {
        ServeCase("with_images_local_files", WithoutMissingImage);
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");
        (await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images"], variables: Environment())).ExitCode.Should().Be(0);
        var damaged = CachePathOf(output, "/data/local-files/?d=local/b.jpg");
        var bytes = File.ReadAllBytes(damaged);
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        MediaRequests.Count(r => r.Query == "?d=local/b.jpg").Should().Be(2, "the size matches but the SHA-256 does not");
        MediaRequests.Count(r => r.Query == "?d=local/a.png").Should().Be(1);
        File.ReadAllBytes(damaged).Should().Equal(_server.Files["/data/local-files/?d=local/b.jpg"]);
    }

    [Test]
    public async Task Export_WithImagesAfterAnInterruptedDownload_ResumesWithARangeRequest()
    {
        ServeCase("with_images_local_files", WithoutMissingImage);
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");
        var full = _server.Files["/data/local-files/?d=local/b.jpg"];
        var part = CachePathOf(output, "/data/local-files/?d=local/b.jpg") + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, full[..300]);

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images", "--json"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        MediaRequests.Single(r => r.Query == "?d=local/b.jpg").Range.Should().Be("bytes=300-");
        MediaRequests.Single(r => r.Query == "?d=local/a.png").Range.Should().BeEmpty();
        File.ReadAllBytes(CachePathOf(output, "/data/local-files/?d=local/b.jpg")).Should().Equal(full);
        File.Exists(part).Should().BeFalse();
        using var document = JsonDocument.Parse(result.Out);
        var media = document.RootElement.GetProperty("media");
        (media.GetProperty("downloaded").GetInt32(), media.GetProperty("resumed").GetInt32()).Should().Be((1, 1));
    }

    [Test]
    public async Task Export_WithImagesServerIgnoringRange_StartsThePartialFileOver()
    {
        ServeCase("with_images_local_files", WithoutMissingImage);
        ServeLocalFiles();
        _server.SupportsRange = false;
        var output = Path.Combine(_work, "out");
        var full = _server.Files["/data/local-files/?d=local/b.jpg"];
        var part = CachePathOf(output, "/data/local-files/?d=local/b.jpg") + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, full[..300]);

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        MediaRequests.Single(r => r.Query == "?d=local/b.jpg").Range.Should().Be("bytes=300-", "a resume is attempted");
        File.ReadAllBytes(CachePathOf(output, "/data/local-files/?d=local/b.jpg")).Should().Equal(full, "the 200 answer replaced the partial bytes instead of being appended");
    }

    [Test]
    public async Task Export_WithImagesAndA404_ReportsTaskAndReferenceAndWritesNothing()
    {
        // Task 3 of the case names local/missing.jpg, which the server does not have.
        ServeCase("with_images_local_files");
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images", "--json"], variables: Environment());

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("task 3: /data/local-files/?d=local/missing.jpg").And.Contain("404").And.Contain("nothing was written");
        Directory.EnumerateFiles(output, "*", SearchOption.TopDirectoryOnly).Should().BeEmpty();
        Directory.Exists(Path.Combine(output, "labels")).Should().BeFalse();
        using var document = JsonDocument.Parse(result.Out);
        document.RootElement.GetProperty("written").GetBoolean().Should().BeFalse();
        var failed = document.RootElement.GetProperty("media").GetProperty("failed").EnumerateArray().Single();
        failed.GetProperty("task_id").GetInt64().Should().Be(3);
        failed.GetProperty("reference").GetString().Should().Be("/data/local-files/?d=local/missing.jpg");
        File.Exists(CachePathOf(output, "/data/local-files/?d=local/a.png")).Should().BeTrue("what was fetched is kept for the next run");
    }

    [Test]
    public async Task Export_WithImagesHttpUrls_GoThroughTheResolverWithCredentialsOnlyToLabelStudioAndTheSsrfGuard()
    {
        // Task 1 names a file by absolute URL on the Label Studio server; task 2 the cloud metadata address, which the
        // resolver's SSRF guard must refuse before connecting (link-local 169.254/16).
        var onServer = new Uri(_server.Url, "media/c.png").ToString();
        ServeCase("with_images_local_files", tasks =>
        {
            WithoutMissingImage(tasks);
            tasks[0]!["data"]!["image"] = onServer;
            tasks[1]!["data"]!["image"] = "http://169.254.169.254/latest/meta-data/x.png";
        });
        _server.Files["/media/c.png"] = File.ReadAllBytes(Case("with_images_local_files", Path.Combine("media", "local", "a.png")));
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images", "--json"], variables: Environment());

        result.ExitCode.Should().Be(1, "the metadata URL cannot be fetched");
        _server.RequestsTo("/media/").Should().ContainSingle().Which.Authorization.Should().Be("Token " + FakeLabelStudio.ApiKey, "the Label Studio origin gets the credential");
        File.ReadAllBytes(CachePathOf(output, onServer)).Should().Equal(_server.Files["/media/c.png"]);
        using var document = JsonDocument.Parse(result.Out);
        var failed = document.RootElement.GetProperty("media").GetProperty("failed").EnumerateArray().Single();
        failed.GetProperty("task_id").GetInt64().Should().Be(2);
        failed.GetProperty("reference").GetString().Should().Be("http://169.254.169.254/latest/meta-data/x.png");
        failed.GetProperty("reason").GetString().Should().Contain("link-local", "the guard refused the address, nothing was fetched");
    }

    [Test]
    public async Task Export_WithImagesAllowingMissingMedia_WritesTheExportAndStillListsTheFailure()
    {
        ServeCase("with_images_local_files");
        ServeLocalFiles();
        var output = Path.Combine(_work, "out");

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", output, "--with-images", "--allow-missing-media"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        result.Error.Should().Contain("task 3: /data/local-files/?d=local/missing.jpg");
        File.Exists(Path.Combine(output, "classes.txt")).Should().BeTrue();
    }

    [Test]
    public async Task Export_WithImagesForAFormatWithoutMedia_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "CSV", "--output", Path.Combine(_work, "out"), "--with-images"], variables: Environment());

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("CSV does not copy media");
    }

    [Test]
    public async Task Export_ServerRefusesTheKey_ExitsOneWithoutPrintingTheKey()
    {
        ServeCase("yolo_bbox_two_annotators");
        const string wrongKey = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
        var variables = Environment();
        variables["LABEL_STUDIO_API_KEY"] = wrongKey;

        var result = await CliRunner.RunAsync(["export", "--project", "1", "--to", "YOLO", "--output", Path.Combine(_work, "out")], variables: variables);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("401");
        (result.Out + result.Error).Should().NotContain(wrongKey);
    }
}
