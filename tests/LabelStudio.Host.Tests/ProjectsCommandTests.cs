using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Testing;

namespace LabelStudio.Host.Tests;

public class ProjectsCommandTests
{
    private FakeLabelStudio _server = null!;
    private JsonArray _fixtureProjects = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await FakeLabelStudio.StartAsync();

        // The fixture is page 1 of 2 of a real answer; served here as the only page, so every project in it is listed once.
        var page = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.TestData, "Client", "fixtures", "projects__list__response.json")))!.AsObject();
        _fixtureProjects = page["results"]!.AsArray();
        page["next"] = null;
        page["count"] = _fixtureProjects.Count;
        _server.ProjectsList = page.ToJsonString();
    }

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    private Dictionary<string, string> Environment(string? key = FakeLabelStudio.ApiKey) => key is null
        ? new() { ["LABEL_STUDIO_URL"] = _server.Url.ToString() }
        : new() { ["LABEL_STUDIO_URL"] = _server.Url.ToString(), ["LABEL_STUDIO_API_KEY"] = key };

    [Test]
    public async Task List_Table_ShowsEveryProjectOfTheFixture()
    {
        var result = await CliRunner.RunAsync(["projects", "list"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.TrimEntries);
        foreach (var project in _fixtureProjects)
        {
            var id = project!["id"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var title = project["title"]!.GetValue<string>();
            lines.Should().Contain(l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(title, StringComparison.Ordinal), "each project is one row starting with its id");
        }

        result.Out.Should().Contain($"{_fixtureProjects.Count} projects");
        result.Out.Should().NotContain("\u001b[", "redirected output carries no ANSI escapes");
    }

    [Test]
    public async Task List_Json_IsOneDocumentWithTheFixtureFields()
    {
        var result = await CliRunner.RunAsync(["projects", "list", "--json"], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        using var document = JsonDocument.Parse(result.Out);
        var projects = document.RootElement.GetProperty("projects").EnumerateArray().ToList();
        projects.Should().HaveCount(_fixtureProjects.Count);
        for (var i = 0; i < projects.Count; i++)
        {
            var expected = _fixtureProjects[i]!;
            projects[i].GetProperty("id").GetInt32().Should().Be(expected["id"]!.GetValue<int>());
            projects[i].GetProperty("title").GetString().Should().Be(expected["title"]!.GetValue<string>());
            projects[i].GetProperty("task_count").GetInt32().Should().Be(expected["task_number"]!.GetValue<int>());
            projects[i].GetProperty("annotated_task_count").GetInt32().Should().Be(expected["num_tasks_with_annotations"]!.GetValue<int>());
            projects[i].GetProperty("annotation_count").GetInt32().Should().Be(expected["total_annotations_number"]!.GetValue<int>());
            projects[i].GetProperty("prediction_count").GetInt32().Should().Be(expected["total_predictions_number"]!.GetValue<int>());
            projects[i].GetProperty("created_at").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(expected["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public async Task List_OptionsGiven_WinOverTheEnvironment()
    {
        // The environment points at a closed port with a wrong key: only the options can make this succeed.
        var variables = new Dictionary<string, string> { ["LABEL_STUDIO_URL"] = "http://127.0.0.1:1/", ["LABEL_STUDIO_API_KEY"] = "ffffffffffffffffffffffffffffffffffffffff" };

        var result = await CliRunner.RunAsync(["projects", "list", "--json", "--url", _server.Url.ToString(), "--api-key", FakeLabelStudio.ApiKey], variables: variables);

        result.ExitCode.Should().Be(0, result.Error);
        _server.RequestsTo("/api/projects").Should().OnlyContain(r => r.Authorization == "Token " + FakeLabelStudio.ApiKey);
    }

    [Test]
    public async Task List_KeyFromEnvironment_IsSentAsLegacyToken()
    {
        var result = await CliRunner.RunAsync(["projects", "list", "--json", "--url", _server.Url.ToString()], variables: Environment());

        result.ExitCode.Should().Be(0, result.Error);
        _server.RequestsTo("/api/projects").Should().NotBeEmpty().And.OnlyContain(r => r.Authorization == "Token " + FakeLabelStudio.ApiKey);
    }

    [Test]
    public async Task List_ServerRefusesTheKey_ExitsOneWithoutPrintingTheKey()
    {
        const string wrongKey = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";

        var result = await CliRunner.RunAsync(["projects", "list", "--json"], variables: Environment(wrongKey));

        result.ExitCode.Should().Be(1, "the server refused: exit 1, as for any refusal");
        result.Error.Should().Contain("refused the credentials").And.Contain("401").And.Contain("LABEL_STUDIO_API_KEY");
        result.Out.Should().BeEmpty("no JSON document is written when nothing was listed");
        (result.Out + result.Error).Should().NotContain(wrongKey);
    }

    [Test]
    public async Task List_NoKey_IsAUsageErrorNamingTheVariable()
    {
        var result = await CliRunner.RunAsync(["projects", "list"], variables: Environment(key: null));

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("LABEL_STUDIO_API_KEY");
        _server.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task List_NoUrl_IsAUsageErrorNamingTheVariable()
    {
        var result = await CliRunner.RunAsync(["projects", "list"], variables: new Dictionary<string, string> { ["LABEL_STUDIO_API_KEY"] = FakeLabelStudio.ApiKey });

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("LABEL_STUDIO_URL");
        result.Error.Should().NotContain(FakeLabelStudio.ApiKey);
    }

    [Test]
    public async Task List_UrlNotHttp_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["projects", "list", "--url", "ftp://example.com"], variables: Environment());

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("ftp://example.com").And.Contain("http");
    }
}
