using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Host.Tests;

/// <summary>
/// A Label Studio stand-in on 127.0.0.1 (random port) answering the few endpoints the server commands use, with
/// bodies the test supplies (taken from the API fixtures), a legacy-token check, and a record of every request.
/// </summary>
internal sealed class FakeLabelStudio : IAsyncDisposable
{
    /// <summary>The legacy API key the server accepts (40 hex characters, the legacy key shape).</summary>
    public const string ApiKey = "0123456789abcdef0123456789abcdef01234567";

    private readonly WebApplication _app;

    private FakeLabelStudio(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; private set; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>The <c>GET /api/projects/</c> body.</summary>
    public string ProjectsList { get; set; } = """{"count":0,"next":null,"previous":null,"results":[]}""";

    /// <summary>Project bodies by id (<c>GET /api/projects/{id}/</c>).</summary>
    public ConcurrentDictionary<int, string> Projects { get; } = new();

    /// <summary>The tasks <c>GET /api/tasks/?project=</c> pages through, by project id.</summary>
    public ConcurrentDictionary<int, JsonArray> Tasks { get; } = new();

    /// <summary>The <c>POST /api/projects/{id}/import</c> answer.</summary>
    public string ImportAnswer { get; set; } = """{"task_count":0,"annotation_count":0,"prediction_count":0}""";

    /// <summary>Media files by path (<c>/data/upload/1/a.jpg</c>); a missing path answers 404.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>Whether media answers honour <c>Range</c> (206) or always send everything (200).</summary>
    public bool SupportsRange { get; set; } = true;

    public static async Task<FakeLabelStudio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeLabelStudio? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeLabelStudio(app, new Uri(address));
        return server;
    }

    public IEnumerable<FakeRequest> RequestsTo(string pathPrefix) => Requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var path = request.Path.Value ?? "/";
        Requests.Enqueue(new FakeRequest(request.Method, path, request.QueryString.Value ?? string.Empty, request.Headers.Authorization.ToString(), request.Headers.Range.ToString(), body));
        if (request.Headers.Authorization.ToString() != "Token " + ApiKey)
        {
            await WriteAsync(context, 401, """{"detail":"Invalid token."}""");
            return;
        }

        if (path.StartsWith("/data/", StringComparison.Ordinal) || Files.ContainsKey(path))
        {
            await ServeFileAsync(context, path + (path.StartsWith("/data/local-files", StringComparison.Ordinal) ? request.QueryString.Value : string.Empty));
            return;
        }

        var segments = path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("GET", ["api", "projects"]):
                await WriteAsync(context, 200, ProjectsList);
                return;
            case ("GET", ["api", "projects", var id]) when Projects.TryGetValue(int.Parse(id, CultureInfo.InvariantCulture), out var project):
                await WriteAsync(context, 200, project);
                return;
            case ("POST", ["api", "projects", _, "import"]):
                await WriteAsync(context, 201, ImportAnswer);
                return;
            case ("GET", ["api", "tasks"]):
                await WriteTasksAsync(context);
                return;
            default:
                await WriteAsync(context, 404, """{"detail":"Not found."}""");
                return;
        }
    }

    private async Task WriteTasksAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var projectId = int.Parse(query["project"].ToString(), CultureInfo.InvariantCulture);
        var all = Tasks.TryGetValue(projectId, out var tasks) ? tasks : [];
        var page = query.TryGetValue("page", out var p) ? int.Parse(p.ToString(), CultureInfo.InvariantCulture) : 1;
        var size = query.TryGetValue("page_size", out var s) ? int.Parse(s.ToString(), CultureInfo.InvariantCulture) : 100;
        var slice = all.Skip((page - 1) * size).Take(size).Select(t => t!.DeepClone()).ToArray();
        if (page > 1 && slice.Length == 0)
        {
            // Label Studio's answer past the last page.
            await WriteAsync(context, 404, """{"detail":"Invalid page."}""");
            return;
        }

        var envelope = new JsonObject { ["total_annotations"] = 0, ["total_predictions"] = 0, ["total"] = all.Count, ["tasks"] = new JsonArray(slice) };
        await WriteAsync(context, 200, envelope.ToJsonString());
    }

    private async Task ServeFileAsync(HttpContext context, string path)
    {
        if (!Files.TryGetValue(path, out var bytes))
        {
            await WriteAsync(context, 404, """{"detail":"Not found."}""");
            return;
        }

        var range = context.Request.Headers.Range.ToString();
        var start = 0;
        if (SupportsRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (start >= bytes.Length)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{bytes.Length}";
                return;
            }

            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
        }
        else
        {
            context.Response.StatusCode = 200;
        }

        if (SupportsRange)
        {
            context.Response.Headers.AcceptRanges = "bytes";
        }

        context.Response.ContentType = "image/png";
        context.Response.ContentLength = bytes.Length - start;
        await context.Response.Body.WriteAsync(bytes.AsMemory(start));
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record FakeRequest(string Method, string Path, string Query, string Authorization, string Range, string Body);
