using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using LabelStudio.Host;
using LabelStudio.Host.Commands;
using LabelStudio.Host.Models;
using LabelStudio.MlBackend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Benchmarks.MlBackend;

/// <summary>Which server and payload a load run uses.</summary>
public enum PredictCase
{
    /// <summary>The Python baseline's setup: one task, text + Choices, a model answering the first choice.</summary>
    FirstChoice,

    /// <summary><c>labelstudio serve</c> (built-in models, its logging) with the same payload; the classifier is untrained, so it answers an empty prediction.</summary>
    ServeChoices,

    /// <summary><c>labelstudio serve</c> with an interactive Labels-over-Text call answered by the substring matcher.</summary>
    ServeSubstring,
}

/// <summary>
/// Kestrel in-process on 127.0.0.1 and an HTTP/1.1 client with a fixed number of connections, each worker issuing
/// requests back to back (like wrk -c N); every request's latency is taken from Stopwatch timestamps.
/// </summary>
public sealed class PredictLoad : IAsyncDisposable
{
    // Label Studio's own batch body for one task (fixture predict__single_task_choices, the payload of the Python measurement).
    private const string ChoicesBody = """{"tasks": [{"id": 101, "data": {"text": "The service was quick and friendly."}, "meta": {}, "created_at": "2024-04-08T14:21:29.542516Z", "updated_at": "2024-04-08T14:21:29.542516Z", "is_labeled": false, "overlap": 1, "inner_id": 1, "total_annotations": 0, "cancelled_annotations": 0, "total_predictions": 0, "comment_count": 0, "unresolved_comment_count": 0, "last_comment_updated_at": null, "project": 7, "updated_by": null, "file_upload": 12, "comment_authors": [], "annotations": [], "predictions": []}], "project": "7.1712586036", "label_config": "<View>\n  <Text name=\"text\" value=\"$text\"/>\n  <Choices name=\"sentiment\" toName=\"text\" choice=\"single\">\n    <Choice value=\"Positive\"/>\n    <Choice value=\"Negative\"/>\n    <Choice value=\"Neutral\"/>\n  </Choices>\n</View>", "params": {"login": null, "password": null, "context": null}}""";

    private const string SubstringBody = """{"tasks": [{"id": 7, "data": {"text": "Apple sued Apple over the Apple logo."}}], "project": "3.1712586036", "label_config": "<View><Labels name=\"label\" toName=\"text\"><Label value=\"ORG\"/></Labels><Text name=\"text\" value=\"$text\"/></View>", "params": {"login": null, "password": null, "context": {"annotation_id": null, "draft_id": 1, "user_id": 1, "result": [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual", "value": {"start": 0, "end": 5, "text": "Apple", "labels": ["ORG"]}}]}}}""";

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly byte[] _body;
    private readonly string _dataDirectory;

    private PredictLoad(WebApplication app, HttpClient client, byte[] body, string dataDirectory, Uri address)
    {
        _app = app;
        _client = client;
        _body = body;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    /// <summary>Where the server listens.</summary>
    public Uri Address { get; }

    /// <summary>The request body, for external load generators.</summary>
    public string Body => Encoding.UTF8.GetString(_body);

    /// <summary>Starts the server for <paramref name="predictCase"/> and a client with <paramref name="connections"/> connections.</summary>
    public static async Task<PredictLoad> StartAsync(PredictCase predictCase, int connections, int port = 0)
    {
        var data = Path.Combine(Path.GetTempPath(), "labelstudio-bench-ml-" + Guid.NewGuid().ToString("N"));
        WebApplication app;
        if (predictCase == PredictCase.FirstChoice)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            builder.Services.AddLabelStudioMlBackend<FirstChoiceBackend>(o => o.DataDirectory = data);
            app = builder.Build();
            app.MapLabelStudioMlBackend();
        }
        else
        {
            var environment = new CliEnvironment
            {
                Out = TextWriter.Null,
                Error = TextWriter.Null,
                OpenStandardInput = () => TextReader.Null,
                GetVariable = _ => null,
                WorkingDirectory = data,
            };
            app = ServeCommand.BuildApp(environment, new ServeSettings("127.0.0.1", port, BuiltInModelSelection.Auto, data, ExemptWebhook: false));
        }

        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        var client = new HttpClient(handler) { BaseAddress = address };
        var body = Encoding.UTF8.GetBytes(predictCase == PredictCase.ServeSubstring ? SubstringBody : ChoicesBody);
        var load = new PredictLoad(app, client, body, data, address);
        await load.RunAsync(connections, connections * 20, new long[connections * 20]).ConfigureAwait(false);
        return load;
    }

    /// <summary>
    /// Issues <paramref name="requests"/> POST /predict calls from <paramref name="workers"/> concurrent workers and
    /// writes each latency (Stopwatch ticks) into <paramref name="latencies"/>. Throws on any non-200 answer.
    /// </summary>
    public async Task RunAsync(int workers, int requests, long[] latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        var next = -1;
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            tasks[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests)
                {
                    latencies[i] = await SendAsync().ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Runs for <paramref name="duration"/> with <paramref name="workers"/> workers; returns every latency in ticks.</summary>
    public async Task<List<long>> RunForAsync(int workers, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<long>[workers];
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var mine = perWorker[w] = new List<long>(1 << 16);
            tasks[w] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < end)
                {
                    mine.Add(await SendAsync().ConfigureAwait(false));
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return [.. perWorker.SelectMany(l => l)];
    }

    private async Task<long> SendAsync()
    {
        var start = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync("predict", content).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/predict answered {(int)response.StatusCode}");
        }

        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of <paramref name="ticks"/>, in milliseconds (nearest rank).</summary>
    public static double PercentileMs(long[] ticks, double percentile)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var sorted = (long[])ticks.Clone();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
