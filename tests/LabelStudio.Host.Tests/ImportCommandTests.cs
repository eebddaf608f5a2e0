using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public class ImportCommandTests
{
    // The fixture's tasks label "text" with the "sentiment" choices Negative/Positive: this config accepts them.
    private const string Config = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text">
            <Choice value="Positive"/>
            <Choice value="Negative"/>
          </Choices>
        </View>
        """;

    private FakeLabelStudio _server = null!;
    private string _work = null!;

    private static string Fixture(string name) => Path.Combine(RepositoryPaths.TestData, "Client", "fixtures", name);

    [SetUp]
    public async Task SetUp()
    {
        _work = Path.Combine(Path.GetTempPath(), "ls-import-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
        _server = await FakeLabelStudio.StartAsync();
        var project = JsonNode.Parse(File.ReadAllText(Fixture("projects__create__response.json")))!.AsObject();
        project["label_config"] = Config;
        _server.Projects[project["id"]!.GetValue<int>()] = project.ToJsonString();
        _server.ImportAnswer = File.ReadAllText(Fixture("import__tasks__response.json"));
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

    /// <summary>Writes the fixture's tasks (one prediction, one annotation) after <paramref name="change"/>.</summary>
    private string TasksFile(Action<JsonArray>? change = null)
    {
        var tasks = JsonNode.Parse(File.ReadAllText(Fixture("import__tasks_with_predictions__request.json")))!.AsArray();
        change?.Invoke(tasks);
        var path = Path.Combine(_work, "tasks.json");
        File.WriteAllText(path, tasks.ToJsonString());
        return path;
    }

    private static JsonObject FirstPredictionRegion(JsonArray tasks) => tasks[0]!["predictions"]![0]!["result"]![0]!.AsObject();

    private IEnumerable<FakeRequest> Imports => _server.RequestsTo("/api/projects/1/import");

    [Test]
    public async Task Import_ValidateWithUnknownFromName_RefusesNamingTaskAndRegionAndSendsNothing()
    {
        var file = TasksFile(tasks => FirstPredictionRegion(tasks)["from_name"] = "sentimnet");

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate"], variables: Environment());

        result.ExitCode.Should().Be(1, result.Error);
        result.Error.Should().Contain("task 0").And.Contain("prediction 0").And.Contain("region \"qpQHs3Yy4K\"").And.Contain("sentimnet").And.Contain("nothing was sent");
        Imports.Should().BeEmpty();
    }

    [Test]
    public async Task Import_ValidateWithLabelNotInConfig_RefusesNamingTaskAndRegionAndSendsNothing()
    {
        var file = TasksFile(tasks => FirstPredictionRegion(tasks)["value"]!["choices"]![0] = "Neutral");

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate"], variables: Environment());

        result.ExitCode.Should().Be(1, result.Error);
        result.Error.Should().Contain("task 0").And.Contain("region \"qpQHs3Yy4K\"").And.Contain("Neutral");
        Imports.Should().BeEmpty();
    }

    [Test]
    public async Task Import_ValidateJson_DescribesEveryProblem()
    {
        var file = TasksFile(tasks =>
        {
            FirstPredictionRegion(tasks)["value"]!["choices"]![0] = "Neutral";
            tasks[1]!["annotations"]![0]!["result"]![0]!["to_name"] = "txt";
        });

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate", "--json"], variables: Environment());

        result.ExitCode.Should().Be(1);
        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        root.GetProperty("valid").GetBoolean().Should().BeFalse();
        root.GetProperty("sent").GetBoolean().Should().BeFalse();
        root.GetProperty("tasks").GetInt64().Should().Be(2);
        root.GetProperty("errors").GetInt64().Should().Be(2, "one bad label in task 0's prediction, one bad to_name in task 1's annotation");
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        diagnostics.Select(d => (d.GetProperty("task_index").GetInt64(), d.GetProperty("target").GetString(), d.GetProperty("region_id").GetString()))
            .Should().Equal((0L, "prediction", "qpQHs3Yy4K"), (1L, "annotation", "HyhYO_s9cc"));
        root.GetProperty("imported").ValueKind.Should().Be(JsonValueKind.Null);
        Imports.Should().BeEmpty();
    }

    [Test]
    public async Task Import_ValidFileValidated_SendsTheFileAsIsAndPrintsTheServerCounts()
    {
        var file = TasksFile();

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        Imports.Should().ContainSingle().Which.Body.Should().Be(File.ReadAllText(file));

        // import__tasks__response.json: task_count 1, annotation_count 0, prediction_count 0.
        result.Out.Trim().Should().Be("imported 1 task(s), 0 annotation(s), 0 prediction(s) into project 1");
    }

    [Test]
    public async Task Import_ValidFileJson_ReportsTheImportedCounts()
    {
        var file = TasksFile();

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate", "--json"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var root = document.RootElement;
        root.GetProperty("valid").GetBoolean().Should().BeTrue();
        root.GetProperty("sent").GetBoolean().Should().BeTrue();
        root.GetProperty("imported").GetProperty("tasks").GetInt32().Should().Be(1);
    }

    [Test]
    public async Task Import_ChunkSizeOne_SendsOneTaskPerRequestInFileOrderAndSumsTheCounts()
    {
        var file = TasksFile();
        var tasks = JsonNode.Parse(File.ReadAllText(file))!.AsArray();

        var result = await CliRunner.RunAsync(["import", "--project", "1", file, "--validate", "--chunk-size", "1"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        var bodies = Imports.Select(r => JsonNode.Parse(r.Body)!.AsArray()).ToList();
        bodies.Should().HaveCount(2);
        bodies.Select(b => b.Count).Should().Equal(1, 1);
        bodies.Select(b => b[0]!["data"]!["text"]!.GetValue<string>()).Should().Equal(tasks.Select(t => t!["data"]!["text"]!.GetValue<string>()));
        JsonNode.DeepEquals(bodies[0][0]!["predictions"], tasks[0]!["predictions"]).Should().BeTrue("the prediction is sent as the file has it");

        // Each answer is import__tasks__response.json (task_count 1): two requests, two tasks.
        result.Out.Trim().Should().Be("imported 2 task(s), 0 annotation(s), 0 prediction(s) into project 1 in 2 request(s)");
        result.Error.Should().Contain("import: 2 request(s), 2 task(s) sent");
    }

    [Test]
    public async Task Import_ChunkSizeZero_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["import", "--project", "1", TasksFile(), "--chunk-size", "0"], variables: Environment());

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--chunk-size");
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Import_WithoutValidate_SendsEvenAnInvalidPredictionWithoutReadingTheProject()
    {
        var file = TasksFile(tasks => FirstPredictionRegion(tasks)["from_name"] = "sentimnet");

        var result = await CliRunner.RunAsync(["import", "--project", "1", file], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        Imports.Should().ContainSingle();
        _server.RequestsTo("/api/projects/1/").Where(r => r.Method == "GET").Should().BeEmpty();
    }

    [Test]
    public async Task Import_TruncatedJson_ExitsOneNamingThePlaceAndSendsNothing()
    {
        var path = Path.Combine(_work, "tasks.json");
        File.WriteAllText(path, """[{"data": {"text": "a"}}, {"data": {"text": """);

        var result = await CliRunner.RunAsync(["import", "--project", "1", path], variables: Environment());

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("tasks.json").And.Contain("nothing was sent");
        Imports.Should().BeEmpty();
    }

    [Test]
    public async Task Import_BareDataObjects_AreValidatedAsData()
    {
        var path = Path.Combine(_work, "tasks.json");
        File.WriteAllText(path, """[{"text": "one"}, {"other": "two"}]""");

        var result = await CliRunner.RunAsync(["import", "--project", "1", path, "--validate"], variables: Environment());

        result.ExitCode.Should().Be(1, "the second object lacks the $text the config needs");
        result.Error.Should().Contain("task 1").And.Contain("text").And.NotContain("task 0");
        Imports.Should().BeEmpty();
    }

    [Test]
    public async Task Import_MissingFile_IsAnIoError()
    {
        var result = await CliRunner.RunAsync(["import", "--project", "1", Path.Combine(_work, "nope.json")], variables: Environment());

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nope.json");
    }

    [Test]
    public async Task Import_UnknownProject_ExitsOne()
    {
        var file = TasksFile();

        var result = await CliRunner.RunAsync(["import", "--project", "42", file, "--validate"], variables: Environment());

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("not found");
        _server.RequestsTo("/api/projects/42/import").Should().BeEmpty();
    }
}
