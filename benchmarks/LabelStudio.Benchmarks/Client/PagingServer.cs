using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LabelStudio.Benchmarks.Formats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Benchmarks.Client;

/// <summary>
/// A loopback Kestrel server answering both task-list styles from one synthetic export kept in memory: a page is the
/// envelope or array punctuation around a contiguous slice of the export's bytes (the tasks and the commas between
/// them), written as is, so the server does no JSON work and is not the bottleneck. Past the last page it answers 404
/// "Invalid page." as Label Studio does.
/// </summary>
internal sealed class PagingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _export;
    private readonly long[] _starts;
    private readonly long[] _ends;

    private PagingServer(WebApplication app, byte[] export, long[] starts, long[] ends, long annotations)
    {
        _app = app;
        _export = export;
        _starts = starts;
        _ends = ends;
        Annotations = annotations;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int TaskCount => _starts.Length;

    /// <summary>Annotations in the export, counted by a bare token scan (not by the code measured).</summary>
    public long Annotations { get; }

    /// <summary>Bytes of task JSON (the export without its outer brackets).</summary>
    public long TaskBytes => _export.Length - 2;

    public static async Task<PagingServer> StartAsync(int tasks)
    {
        using var buffer = new MemoryStream();
        SyntheticExportGenerator.Write(buffer, tasks);
        var export = buffer.ToArray();
        var (starts, ends, annotations) = Index(export);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new PagingServer(app, export, starts, ends, annotations);
        app.MapGet("/api/tasks/", (HttpContext context) => server.WritePageAsync(context, envelope: true));
        app.MapGet("/api/projects/{id}/tasks/", (HttpContext context) => server.WritePageAsync(context, envelope: false));
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A copy of the whole export (an array of tasks), for baselines that read it without HTTP.</summary>
    public byte[] ExportCopy() => (byte[])_export.Clone();

    private static (long[] Starts, long[] Ends, long Annotations) Index(byte[] export)
    {
        var starts = new List<long>();
        var ends = new List<long>();
        long annotations = 0;
        var reader = new Utf8JsonReader(export);
        var inAnnotations = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                    starts.Add(reader.TokenStartIndex);
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                    ends.Add(reader.TokenStartIndex + 1);
                    break;
                case JsonTokenType.PropertyName when reader.CurrentDepth == 2:
                    inAnnotations = reader.ValueTextEquals("annotations"u8);
                    break;
                case JsonTokenType.StartObject when reader.CurrentDepth == 3 && inAnnotations:
                    annotations++;
                    break;
            }
        }

        return ([.. starts], [.. ends], annotations);
    }

    private async Task WritePageAsync(HttpContext context, bool envelope)
    {
        var page = int.Parse(context.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
        var size = int.Parse(context.Request.Query["page_size"].ToString(), CultureInfo.InvariantCulture);
        var first = (long)(page - 1) * size;
        if (page < 1 || first >= TaskCount)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["detail"] = "Invalid page.", ["status_code"] = 404 });
            return;
        }

        var last = (int)Math.Min(first + size, TaskCount) - 1;
        var prefix = envelope
            ? Encoding.UTF8.GetBytes($"{{\"total_annotations\":{Annotations},\"total_predictions\":0,\"total\":{TaskCount},\"tasks\":[")
            : "["u8.ToArray();
        var suffix = envelope ? "]}"u8.ToArray() : "]"u8.ToArray();
        var start = _starts[first];
        var length = _ends[last] - start;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = prefix.Length + length + suffix.Length;
        await context.Response.Body.WriteAsync(prefix);
        await context.Response.Body.WriteAsync(_export.AsMemory((int)start, (int)length));
        await context.Response.Body.WriteAsync(suffix);
    }
}
