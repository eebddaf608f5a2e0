using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Host.Commands;
using LabelStudio.Host.Models;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Host.Tests;

[TestFixture]
public sealed class ServeCommandTests
{
    private const string NerConfig = """<View><Labels name="label" toName="text"><Label value="ORG"/></Labels><Text name="text" value="$text"/></View>""";

    private static async Task<(Uri Address, Task<int> Run, CancellationTokenSource Stop, string Data)> StartAsync(
        string? variablesUser = null,
        IReadOnlyDictionary<string, string>? variables = null,
        string? labelStudioUrl = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "mlserve-host-" + Guid.NewGuid().ToString("N"));
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            OpenStandardInput = () => new StringReader(string.Empty),
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value)
                ? value
                : variablesUser is null ? null : name switch { "BASIC_AUTH_USER" => variablesUser, "BASIC_AUTH_PASS" => "secret", _ => null },
            WorkingDirectory = data,
        };
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = new CancellationTokenSource();
        var run = ServeCommand.RunAsync(environment, new ServeSettings("127.0.0.1", 0, BuiltInModelSelection.Auto, data, ExemptWebhook: false, labelStudioUrl), started.SetResult, stop.Token, configureServices);
        var address = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return (address, run, stop, data);
    }

    private static async Task StopAsync(Task<int> run, CancellationTokenSource stop, string data)
    {
        await stop.CancelAsync();
        (await run).Should().Be(ExitCodes.Success);
        stop.Dispose();
        Directory.Delete(data, recursive: true);
    }

    [Test]
    public async Task CheckBackend_AgainstServe_ReportsAccepted()
    {
        var (address, run, stop, data) = await StartAsync();
        try
        {
            var result = await CliRunner.RunAsync(["check-backend", address.ToString()]);
            result.ExitCode.Should().Be(ExitCodes.Success, result.Out + result.Error);
            result.Out.Should().Contain("ok    /health").And.Contain("ok    /setup").And.Contain("ok    /predict").And.Contain("would accept");
        }
        finally
        {
            await StopAsync(run, stop, data);
        }
    }

    [Test]
    public async Task CheckBackend_ServeWithBasicAuthAndNoCredentials_ExplainsThe401()
    {
        var (address, run, stop, data) = await StartAsync(variablesUser: "ml");
        try
        {
            var result = await CliRunner.RunAsync(["check-backend", address.ToString()]);
            result.ExitCode.Should().Be(ExitCodes.Failure);
            result.Out.Should().Contain("FAIL  /health: 401").And.Contain("BASIC_AUTH_USER");

            var withCredentials = await CliRunner.RunAsync(["check-backend", address.ToString()], variables: new Dictionary<string, string> { ["BASIC_AUTH_USER"] = "ml", ["BASIC_AUTH_PASS"] = "secret" });
            withCredentials.ExitCode.Should().Be(ExitCodes.Success, withCredentials.Out);
        }
        finally
        {
            await StopAsync(run, stop, data);
        }
    }

    [Test]
    public async Task CheckBackend_NothingListening_SaysItCannotConnect()
    {
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        var result = await CliRunner.RunAsync(["check-backend", "http://127.0.0.1:9"]);
        result.ExitCode.Should().Be(ExitCodes.Failure);
        result.Out.Should().Contain("FAIL  /health: cannot connect");
    }

    [Test]
    public async Task CheckBackend_NotAUrl_IsAUsageError()
    {
        var result = await CliRunner.RunAsync(["check-backend", "ftp://x"]);
        result.ExitCode.Should().Be(ExitCodes.UsageOrIoError);
    }

    [Test]
    public async Task Serve_InteractiveLabelsOverText_LabelsEveryOccurrence()
    {
        var (address, run, stop, data) = await StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            var body = new JsonObject
            {
                ["tasks"] = new JsonArray(new JsonObject { ["id"] = 1, ["data"] = new JsonObject { ["text"] = "Apple sued Apple." } }),
                ["project"] = "3.1712586036",
                ["label_config"] = NerConfig,
                ["params"] = new JsonObject
                {
                    ["context"] = new JsonObject
                    {
                        ["result"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "r1", ["from_name"] = "label", ["to_name"] = "text", ["type"] = "labels",
                            ["value"] = new JsonObject { ["start"] = 0, ["end"] = 5, ["text"] = "Apple", ["labels"] = new JsonArray("ORG") },
                        }),
                    },
                },
            };
            using var answer = await client.PostAsync("/predict", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            var results = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["results"]!.AsArray();
            results.Should().HaveCount(1);

            // "Apple" occurs at 0 and at 11 ("Apple sued " is 11 characters).
            var starts = results[0]!["result"]!.AsArray().Select(r => r!["value"]!["start"]!.GetValue<int>());
            starts.Should().Equal(0, 11);
        }
        finally
        {
            await StopAsync(run, stop, data);
        }
    }

    [Test]
    public async Task Serve_ConfigNoBuiltInModelFits_AnswersEmptyPrediction()
    {
        var (address, run, stop, data) = await StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            var body = """{"tasks":[{"id":1,"data":{"image":"x.jpg"}}],"project":"3.1","label_config":"<View><Image name=\"img\" value=\"$image\"/><RectangleLabels name=\"box\" toName=\"img\"><Label value=\"Cat\"/></RectangleLabels></View>"}""";
            using var answer = await client.PostAsync("/predict", new StringContent(body, Encoding.UTF8, "application/json"));
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            var entry = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["results"]![0]!;
            entry["result"]!.AsArray().Should().BeEmpty();
            entry["model_version"]!.GetValue<string>().Should().Be("0.0.1");
        }
        finally
        {
            await StopAsync(run, stop, data);
        }
    }
}
