using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.MlBackend.Tests;

/// <summary>A stand-in Label Studio on 127.0.0.1 with a random port; records every request it receives.</summary>
internal sealed class FakeLabelStudio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private FakeLabelStudio(WebApplication app, ConcurrentQueue<RecordedRequest> requests, int port)
    {
        _app = app;
        _requests = requests;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The URL as an operator would configure it (host name, not the loopback literal).</summary>
    public Uri Url => new($"http://localhost:{Port}/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeLabelStudio> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            requests.Enqueue(new RecordedRequest(context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new FakeLabelStudio(app, requests, address.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the fake Label Studio received.</summary>
internal sealed record RecordedRequest(string PathAndQuery, string Authorization);
