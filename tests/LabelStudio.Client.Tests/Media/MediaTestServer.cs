using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Client.Tests.Media;

/// <summary>A Kestrel server on 127.0.0.1 (random port) that records every request it receives.</summary>
internal sealed class MediaTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MediaTestServer(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    public Uri Origin { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<MediaTestServer> StartAsync(Action<WebApplication, MediaTestServerHandle> map, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var handle = new MediaTestServerHandle();
        app.Use(async (context, next) =>
        {
            handle.Server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers.Host.ToString()));
            await next(context);
        });
        map(app, handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new MediaTestServer(app, new Uri(address));
        handle.Server = server;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Lets endpoints mapped before start reach the started server (its origin, its records).</summary>
internal sealed class MediaTestServerHandle
{
    public MediaTestServer? Server { get; set; }
}

internal sealed record RecordedRequest(string PathAndQuery, string Authorization, string Host);
