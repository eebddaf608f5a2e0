using LabelStudio.MlBackend.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LabelStudio.MlBackend.Tests;

/// <summary>A real Kestrel on 127.0.0.1 with a random port serving a backend; disposed after each test.</summary>
internal sealed class BackendServer<TBackend> : IAsyncDisposable
    where TBackend : LabelStudioMlBackend
{
    private readonly WebApplication _app;

    private BackendServer(WebApplication app, HttpClient client, string dataDirectory)
    {
        _app = app;
        Client = client;
        DataDirectory = dataDirectory;
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public TBackend Backend => _app.Services.GetRequiredService<TBackend>();

    public TrainingService Training => _app.Services.GetRequiredService<TrainingService>();

    public static async Task<BackendServer<TBackend>> StartAsync(Action<MlBackendOptions>? configure = null, string? dataDirectory = null, Action<IServiceCollection>? configureServices = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "mlserve-tests-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddLabelStudioMlBackend<TBackend>(options =>
        {
            options.DataDirectory = dataDirectory;
            configure?.Invoke(options);
        });
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapLabelStudioMlBackend();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        return new BackendServer<TBackend>(app, client, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
