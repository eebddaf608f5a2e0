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
/// <c>labelstudio serve [--port 9090] [--host 127.0.0.1] [--model auto|substring|classifier] [--data-dir dir]
/// [--webhook-without-auth] [--label-studio-url url]</c>: an ML backend with the built-in models, until Ctrl+C. Basic
/// auth from BASIC_AUTH_USER / BASIC_AUTH_PASS. With a Label Studio URL (option, LABEL_STUDIO_URL or LABEL_STUDIO_HOST)
/// and key (LABEL_STUDIO_API_KEY or LABEL_STUDIO_ACCESS_TOKEN), "Start training" trains on the project's annotated tasks.
/// </summary>
internal sealed class ServeCommand : ICliCommand
{
    public string Name => "serve";

    public Command Build(CliEnvironment environment)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 9090 };
        var host = new Option<string>("--host") { Description = "Address to listen on; 0.0.0.0 to accept other machines (Label Studio in Docker).", DefaultValueFactory = _ => "127.0.0.1" };
        var model = new Option<BuiltInModelSelection>("--model") { Description = "Built-in model: auto (both), substring (interactive Labels over Text) or classifier (Choices over Text).", DefaultValueFactory = _ => BuiltInModelSelection.Auto };
        var dataDir = new Option<string>("--data-dir") { Description = "Folder for per-project state and model files.", DefaultValueFactory = _ => "ml-backend-data" };
        var exemptWebhook = new Option<bool>("--webhook-without-auth") { Description = "Let /webhook through without basic auth (Label Studio's auto-created webhooks send none)." };
        var labelStudioUrl = new Option<string?>("--label-studio-url") { Description = "Label Studio's URL, for \"Start training\" to fetch the annotated tasks (default LABEL_STUDIO_URL or LABEL_STUDIO_HOST; the key comes from LABEL_STUDIO_API_KEY or LABEL_STUDIO_ACCESS_TOKEN)." };
        var command = new Command(Name, "Run an ML backend for Label Studio with the built-in models.") { port, host, model, dataDir, exemptWebhook, labelStudioUrl };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            environment,
            new ServeSettings(
                parseResult.GetValue(host)!,
                parseResult.GetValue(port),
                parseResult.GetValue(model),
                environment.ResolvePath(parseResult.GetValue(dataDir)!),
                parseResult.GetValue(exemptWebhook),
                parseResult.GetValue(labelStudioUrl)),
            started: null,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliEnvironment environment, ServeSettings settings, Action<Uri>? started, CancellationToken cancellationToken, Action<IServiceCollection>? configureServices = null)
    {
        if (settings.Port is < 0 or > 65535)
        {
            await environment.Error.WriteLineAsync($"error: --port must be between 0 and 65535, not {settings.Port.ToString(CultureInfo.InvariantCulture)}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var (labelStudio, problem) = ResolveLabelStudio(environment, settings.LabelStudioUrl);
        if (problem is not null)
        {
            await environment.Error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        await using var app = BuildApp(environment, settings, labelStudio, configureServices);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await environment.Error.WriteLineAsync($"error: cannot listen on {settings.Host}:{settings.Port.ToString(CultureInfo.InvariantCulture)}: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrIoError;
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var training = labelStudio is null
            ? "\"Start training\" uses the annotations Label Studio sends (set --label-studio-url and LABEL_STUDIO_API_KEY to train on all annotated tasks)"
            : $"\"Start training\" fetches annotated tasks from {labelStudio.Value.Url}";
        await environment.Out.WriteLineAsync($"ML backend ({settings.Model.ToString().ToLowerInvariant()}) listening on {address}; data in {settings.DataDirectory}; {training}. Add it in Label Studio: Settings > Model > Connect model. Ctrl+C stops.").ConfigureAwait(false);
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
    internal static WebApplication BuildApp(CliEnvironment environment, ServeSettings settings, (Uri Url, string ApiKey)? labelStudio = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // ASP.NET Core's per-request Information lines ("Request starting/finished") cost more than a prediction;
        // the backend logs what matters itself (failures, training). The same for the client's per-call lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        // Ctrl+C should not wait the default 30 s for a training run that cannot be interrupted (ML.NET's fit does not
        // observe cancellation); an interrupted run is lost and retrained on the next event.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var host = settings.Host.Contains(':', StringComparison.Ordinal) ? $"[{settings.Host}]" : settings.Host;
        builder.WebHost.UseKestrel().UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{settings.Port}"));
        configureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton<TextClassifier>();
        builder.Services.AddSingleton(sp => new BuiltInModel(settings.Model, sp.GetRequiredService<TextClassifier>()));
        builder.Services.AddLabelStudioMlBackend<BuiltInModel>(options =>
        {
            options.DataDirectory = settings.DataDirectory;
            options.BasicAuthUser = environment.GetVariable("BASIC_AUTH_USER");
            options.BasicAuthPassword = environment.GetVariable("BASIC_AUTH_PASS");
            options.WebhookAuthentication = settings.ExemptWebhook ? WebhookAuthentication.Exempt : WebhookAuthentication.SameAsOtherEndpoints;
        });
        if (labelStudio is { } target)
        {
            builder.Services.AddLabelStudioTaskSource(o =>
            {
                o.BaseUrl = target.Url;
                o.ApiKey = target.ApiKey;
            });
        }

        var app = builder.Build();
        app.MapLabelStudioMlBackend();
        return app;
    }

    /// <summary>
    /// The Label Studio the task source talks to: the option, else LABEL_STUDIO_URL, else LABEL_STUDIO_HOST, with
    /// LABEL_STUDIO_API_KEY, else LABEL_STUDIO_ACCESS_TOKEN (the official Python backend's names). No URL: no task source.
    /// </summary>
    internal static ((Uri Url, string ApiKey)? LabelStudio, string? Problem) ResolveLabelStudio(CliEnvironment environment, string? option)
    {
        string? First(params string[] names) =>
            names.Select(environment.GetVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        var url = string.IsNullOrWhiteSpace(option) ? First("LABEL_STUDIO_URL", "LABEL_STUDIO_HOST") : option.Trim();
        if (url is null)
        {
            return (null, null);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, $"the Label Studio URL '{url}' must be an absolute http(s) URL such as http://localhost:8080");
        }

        var key = First("LABEL_STUDIO_API_KEY", "LABEL_STUDIO_ACCESS_TOKEN");
        return key is null
            ? (null, $"a Label Studio URL is set ({uri}) but no key: set LABEL_STUDIO_API_KEY (or LABEL_STUDIO_ACCESS_TOKEN) to a key that can read the projects")
            : ((uri, key), null);
    }
}

