using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Config.Building;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio check-backend &lt;url&gt; [--config file]</c>: calls /health, /setup and /predict the way Label Studio
/// does when a model is connected (same bodies, same timeouts) and says precisely what Label Studio would reject.
/// Exit 0 when Label Studio would accept the backend, 1 when not, 2 for usage or I/O errors.
/// </summary>
internal sealed class CheckBackendCommand : ICliCommand
{
    private const string HttpClientName = "LabelStudio.CheckBackend";

    private const string DefaultConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="sentiment" toName="text" choice="single">
            <Choice value="Positive"/>
            <Choice value="Negative"/>
          </Choices>
        </View>
        """;

    public string Name => "check-backend";

    public Command Build(CliEnvironment environment)
    {
        var url = new Argument<string>("url") { Description = "The backend URL as entered in Label Studio, e.g. http://localhost:9090." };
        var config = new Option<string?>("--config") { Description = "The project's labeling config (XML file); a text classification config by default." };
        var command = new Command(Name, "Check an ML backend the way Label Studio does (/health, /setup, /predict). Credentials from BASIC_AUTH_USER/BASIC_AUTH_PASS.") { url, config };
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, parseResult.GetValue(url)!, parseResult.GetValue(config), null, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliEnvironment environment, string url, string? configPath, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await environment.Error.WriteLineAsync($"error: '{url}' is not an http(s) URL").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        string xml;
        try
        {
            xml = configPath is null ? DefaultConfig : await File.ReadAllTextAsync(environment.ResolvePath(configPath), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await environment.Error.WriteLineAsync($"error: cannot read '{configPath}': {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        if (!LabelConfig.TryParse(xml, out var config, out var diagnostics))
        {
            foreach (var diagnostic in diagnostics.Where(d => d.IsError))
            {
                await environment.Error.WriteLineAsync(diagnostic.Format(configPath ?? "config")).ConfigureAwait(false);
            }

            return ExitCodes.Failure;
        }

        // One short-lived container: the factory owns the handler's lifetime; its logging is removed because the
        // request headers carry basic-auth credentials. Timeouts are per call (Label Studio's), not the client's.
        var services = new ServiceCollection();
        services.AddHttpClient(HttpClientName, c =>
            {
                c.BaseAddress = baseUri;
                c.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => handler ?? new SocketsHttpHandler())
            .RemoveAllLoggers();
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var user = environment.GetVariable("BASIC_AUTH_USER");
        var password = environment.GetVariable("BASIC_AUTH_PASS");
        if (!string.IsNullOrEmpty(user) && password is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        var report = new Report(environment.Out);
        var project = string.Create(CultureInfo.InvariantCulture, $"1.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");

        // Label Studio's ML_TIMEOUT_HEALTH, ML_TIMEOUT_SETUP and ML_TIMEOUT_PREDICT defaults.
        var health = await CallAsync(client, HttpMethod.Get, "health", null, TimeSpan.FromSeconds(1), report, cancellationToken).ConfigureAwait(false);
        if (health is null)
        {
            return report.Finish();
        }

        report.Ok("/health", "answers 2xx with JSON");

        var setupBody = new JsonObject { ["project"] = project, ["schema"] = xml, ["hostname"] = "http://localhost:8080", ["access_token"] = "check-backend-token", ["extra_params"] = null };
        var setup = await CallAsync(client, HttpMethod.Post, "setup", setupBody, TimeSpan.FromSeconds(3), report, cancellationToken).ConfigureAwait(false);
        if (setup is not null)
        {
            if (setup["model_version"] is JsonValue version && version.GetValueKind() == JsonValueKind.String)
            {
                report.Ok("/setup", $"model_version \"{version.GetValue<string>()}\"");
            }
            else
            {
                report.Warn("/setup", "no \"model_version\" string in the answer: Label Studio stores 'undefined' and cannot tell model versions apart");
            }
        }

        var task = new JsonObject { ["id"] = 1, ["data"] = SampleTasks.CreateData(config, preferEmbedded: true), ["annotations"] = new JsonArray(), ["predictions"] = new JsonArray() };
        var predictBody = new JsonObject
        {
            ["tasks"] = new JsonArray(task),
            ["project"] = project,
            ["label_config"] = xml,
            ["params"] = new JsonObject { ["login"] = null, ["password"] = null, ["context"] = null },
        };
        var predict = await CallAsync(client, HttpMethod.Post, "predict", predictBody, TimeSpan.FromSeconds(100), report, cancellationToken).ConfigureAwait(false);
        if (predict is not null)
        {
            CheckPredictions(predict, config, report);
        }

        return report.Finish();
    }

    private static void CheckPredictions(JsonNode answer, LabelConfig config, Report report)
    {
        if (answer["results"] is not JsonArray results || results.Count == 0)
        {
            report.Fail("/predict", "the answer must be {\"results\": [...]} with one entry per task; Label Studio saves no prediction");
            return;
        }

        if (results.Count != 1)
        {
            report.Fail("/predict", $"1 task sent but {results.Count} entries answered; Label Studio drops the predictions");
            return;
        }

        var predictions = results[0] switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>().ToList(),
            _ => [],
        };
        if (predictions.Count == 0)
        {
            report.Fail("/predict", "results[0] must be a prediction object or a list of them");
            return;
        }

        var problems = 0;
        for (var i = 0; i < predictions.Count; i++)
        {
            var where = predictions.Count == 1 ? "results[0]" : $"results[0][{i}]";
            if (predictions[i]["result"] is not JsonArray regions)
            {
                report.Fail("/predict", $"{where} has no \"result\" list: Label Studio skips it");
                problems++;
                continue;
            }

            if (predictions[i]["model_version"] is null)
            {
                report.Warn("/predict", $"{where} has no \"model_version\": Label Studio falls back to the backend's, or 'undefined'");
            }

            for (var r = 0; r < regions.Count; r++)
            {
                var from = regions[r]?["from_name"]?.GetValueKind() == JsonValueKind.String ? regions[r]!["from_name"]!.GetValue<string>() : null;
                var to = regions[r]?["to_name"]?.GetValueKind() == JsonValueKind.String ? regions[r]!["to_name"]!.GetValue<string>() : null;
                if (from is null || !config.TryGetControl(from, out _))
                {
                    report.Fail("/predict", $"{where}.result[{r}].from_name \"{from}\" is not a control of the config ({string.Join(", ", config.Controls.Select(c => c.Name))})");
                    problems++;
                }
                else if (to is null || !config.TryGetObject(to, out _))
                {
                    report.Fail("/predict", $"{where}.result[{r}].to_name \"{to}\" is not an object of the config ({string.Join(", ", config.Objects.Select(o => o.Name))})");
                    problems++;
                }
            }
        }

        if (problems == 0)
        {
            report.Ok("/predict", string.Create(CultureInfo.InvariantCulture, $"{predictions.Count} prediction(s), {predictions.Sum(p => p["result"]!.AsArray().Count)} region(s)"));
        }
    }

    private static async Task<JsonNode?> CallAsync(HttpClient client, HttpMethod method, string path, JsonNode? body, TimeSpan timeout, Report report, CancellationToken cancellationToken)
    {
        var route = "/" + path;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            report.Fail(route, $"no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, Label Studio's timeout for this call");
            return null;
        }
        catch (HttpRequestException exception)
        {
            report.Fail(route, $"cannot connect to {client.BaseAddress}{path}: {exception.Message} (inside Docker, 'localhost' is the container itself: use the host's address)");
            return null;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                report.Fail(route, "401: the backend wants basic auth and the credentials are missing or wrong (set BASIC_AUTH_USER and BASIC_AUTH_PASS here and in Label Studio's model settings)");
                return null;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                report.Fail(route, $"404: the backend does not serve {route}; is the URL the backend's root?");
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = TryParse(text)?["detail"]?.ToString() ?? Shorten(text);
                report.Fail(route, $"{(int)response.StatusCode} {response.ReasonPhrase}: {detail} (Label Studio: \"doesn't look like a valid ML backend\")");
                return null;
            }

            var json = TryParse(text);
            if (json is not JsonObject)
            {
                report.Fail(route, $"the answer is not a JSON object: {Shorten(text)}");
                return null;
            }

            return json;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private sealed class Report(TextWriter output)
    {
        private int _failures;

        public void Ok(string route, string message) => output.WriteLine($"ok    {route}: {message}");

        public void Warn(string route, string message) => output.WriteLine($"warn  {route}: {message}");

        public void Fail(string route, string message)
        {
            _failures++;
            output.WriteLine($"FAIL  {route}: {message}");
        }

        public int Finish()
        {
            output.WriteLine(_failures == 0 ? "Label Studio would accept this backend." : $"Label Studio would not accept this backend: {_failures} problem(s).");
            return _failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }
    }
}
