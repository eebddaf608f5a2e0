using System.CommandLine;
using System.Globalization;
using LabelStudio.Host.Models;
using LabelStudio.MlBackend;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LabelStudio.Host.Commands;

/// <summary>
/// <c>labelstudio serve [--port 9090] [--host 127.0.0.1] [--model auto|substring|classifier] [--data-dir dir]</c>:
/// an ML backend with the built-in models, until Ctrl+C. Basic auth from BASIC_AUTH_USER / BASIC_AUTH_PASS.
/// </summary>
internal sealed class ServeCommand : ICliCommand
{
    public Command Build(CliEnvironment environment)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 9090 };
        var host = new Option<string>("--host") { Description = "Address to listen on; 0.0.0.0 to accept other machines (Label Studio in Docker).", DefaultValueFactory = _ => "127.0.0.1" };
        var model = new Option<BuiltInModelSelection>("--model") { Description = "Built-in model: auto (both), substring (interactive Labels over Text) or classifier (Choices over Text).", DefaultValueFactory = _ => BuiltInModelSelection.Auto };
        var dataDir = new Option<string>("--data-dir") { Description = "Folder for per-project state and model files.", DefaultValueFactory = _ => "ml-backend-data" };
        var exemptWebhook = new Option<bool>("--webhook-without-auth") { Description = "Let /webhook through without basic auth (Label Studio's auto-created webhooks send none)." };
        var command = new Command("serve", "Run an ML backend for Label Studio with the built-in models.") { port, host, model, dataDir, exemptWebhook };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            environment,
            parseResult.GetValue(host)!,
            parseResult.GetValue(port),
            parseResult.GetValue(model),
            environment.ResolvePath(parseResult.GetValue(dataDir)!),
            parseResult.GetValue(exemptWebhook),
            started: null,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliEnvironment environment, string host, int port, BuiltInModelSelection model, string dataDirectory, bool exemptWebhook, Action<Uri>? started, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            await environment.Error.WriteLineAsync($"error: --port must be between 0 and 65535, not {port.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await using var app = BuildApp(environment, host, port, model, dataDirectory, exemptWebhook);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await environment.Error.WriteLineAsync($"error: cannot listen on {host}:{port.ToString(CultureInfo.InvariantCulture)}: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await environment.Out.WriteLineAsync($"ML backend ({model.ToString().ToLowerInvariant()}) listening on {address}; data in {dataDirectory}. Add it in Label Studio: Settings > Model > Connect model. Ctrl+C stops.").ConfigureAwait(false);
        started?.Invoke(address);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop cleanly.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The application <c>serve</c> runs (also measured by the benchmarks), not started.</summary>
    internal static WebApplication BuildApp(CliEnvironment environment, string host, int port, BuiltInModelSelection model, string dataDirectory, bool exemptWebhook)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // ASP.NET Core's per-request Information lines ("Request starting/finished") cost more than a prediction;
        // the backend logs what matters itself (failures, training).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // Ctrl+C should not wait the default 30 s for a training run that cannot be interrupted (ML.NET's fit does not
        // observe cancellation); an interrupted run is lost and retrained on the next event.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrel().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}"));
        builder.Services.AddSingleton<TextClassifier>();
        builder.Services.AddSingleton(sp => new BuiltInModel(model, sp.GetRequiredService<TextClassifier>()));
        builder.Services.AddLabelStudioMlBackend<BuiltInModel>(options =>
        {
            options.DataDirectory = dataDirectory;
            options.BasicAuthUser = environment.GetVariable("BASIC_AUTH_USER");
            options.BasicAuthPassword = environment.GetVariable("BASIC_AUTH_PASS");
            options.WebhookAuthentication = exemptWebhook ? WebhookAuthentication.Exempt : WebhookAuthentication.SameAsOtherEndpoints;
        });

        var app = builder.Build();
        app.MapLabelStudioMlBackend();
        return app;
    }
}
