using LabelStudio.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.Client;

/// <summary>Registers <see cref="LabelStudioClient"/> with dependency injection.</summary>
public static class LabelStudioServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="LabelStudioClient"/> singleton over <see cref="IHttpClientFactory"/>, with credential handling,
    /// retries and timeouts. Unset URL and key fall back to <c>LABEL_STUDIO_URL</c> / <c>LABEL_STUDIO_API_KEY</c>;
    /// the options are validated when the client is first resolved (or at start with ValidateOnStart).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (bind configuration here, e.g. <c>o =&gt; config.GetSection("LabelStudio").Bind(o)</c>).</param>
    /// <returns>A builder to add handlers to the client's HTTP pipeline.</returns>
    public static LabelStudioClientBuilder AddLabelStudioClient(this IServiceCollection services, Action<LabelStudioClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<LabelStudioClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.PostConfigure(o => o.WithEnvironmentDefaults());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabelStudioClientOptions>, LabelStudioClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<LabelStudioClientOptions>>().Value);
        services.TryAddSingleton<TokenManager>();
        services.TryAddSingleton<LabelStudioHttp>();
        services.TryAddTransient<AuthenticationHandler>();
        services.TryAddSingleton(sp => new RetryLogger(sp.GetRequiredService<ILogger<LabelStudioClient>>()));

        services.AddHttpClient(TokenManager.RefreshClientName, ConfigureBase)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .RedactLoggedHeaders(_ => true)
            .AddResilienceHandler(ResiliencePipelineSetup.PipelineName + ".Refresh", (pipeline, context) =>
            {
                // The refresh is a pure exchange: safe to retry on transient failures, never re-authenticated on 401.
                var options = context.ServiceProvider.GetRequiredService<LabelStudioClientOptions>();
                ResiliencePipelineSetup.Configure(pipeline, options, context.ServiceProvider.GetRequiredService<TimeProvider>(), context.ServiceProvider.GetRequiredService<RetryLogger>().Log);
            });

        var http = services.AddHttpClient(LabelStudioHttp.HttpClientName, ConfigureBase)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .RedactLoggedHeaders(_ => true);
        http.AddResilienceHandler(ResiliencePipelineSetup.PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<LabelStudioClientOptions>();
            ResiliencePipelineSetup.Configure(pipeline, options, context.ServiceProvider.GetRequiredService<TimeProvider>(), context.ServiceProvider.GetRequiredService<RetryLogger>().Log);
        });

        // Inside the retry loop, so every attempt carries a current access token.
        http.AddHttpMessageHandler<AuthenticationHandler>();

        LabelStudioApis.Register(services);
        services.TryAddSingleton<LabelStudioClient>(sp => new LabelStudioClient(sp.GetRequiredService<LabelStudioHttp>(), sp.GetRequiredService<LabelStudioApis>()));
        return new LabelStudioClientBuilder(services, http);
    }

    private static void ConfigureBase(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<LabelStudioClientOptions>();
        var baseUrl = options.BaseUrl!.ToString();
        client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

        // Timeouts live in the resilience pipeline (per attempt, lengthened per call); HttpClient's own would cut downloads.
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LabelStudio.Client/" + typeof(LabelStudioClient).Assembly.GetName().Version?.ToString(3));
    }

    private static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        // Long-lived singleton clients still notice DNS changes.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,

        // Redirects would forward credentials to wherever the server points; Label Studio's API does not redirect.
        AllowAutoRedirect = false,
    };
}
