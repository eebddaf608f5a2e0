using LabelStudio.Client.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LabelStudio.Client;

/// <summary>Returned by <see cref="LabelStudioServiceCollectionExtensions.AddLabelStudioClient"/> to customise the client's HTTP pipeline.</summary>
public sealed class LabelStudioClientBuilder
{
    internal LabelStudioClientBuilder(IServiceCollection services, IHttpClientBuilder httpClientBuilder)
    {
        Services = services;
        HttpClientBuilder = httpClientBuilder;
    }

    /// <summary>The service collection the client was registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The named HttpClient every Label Studio call goes through: add handlers, or replace the primary handler (tests, proxies).</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>Adds a handler to the client's pipeline, inside retries and authentication (it sees each attempt with its credential).</summary>
    /// <typeparam name="THandler">A transient-registered <see cref="DelegatingHandler"/>.</typeparam>
    /// <returns>This builder.</returns>
    public LabelStudioClientBuilder AddHttpMessageHandler<THandler>()
        where THandler : DelegatingHandler
    {
        HttpClientBuilder.AddHttpMessageHandler<THandler>();
        return this;
    }

    /// <summary>Replaces the primary handler (the transport) of every Label Studio call, including the token refresh.</summary>
    /// <param name="factory">Creates the handler.</param>
    /// <returns>This builder.</returns>
    public LabelStudioClientBuilder ConfigurePrimaryHttpMessageHandler(Func<IServiceProvider, HttpMessageHandler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(factory);
        Services.AddHttpClient(Http.TokenManager.RefreshClientName).ConfigurePrimaryHttpMessageHandler(factory);
        return this;
    }

    /// <summary>
    /// Registers <see cref="LabelStudioMediaResolver"/> (and <see cref="LabelStudio.Formats.Media.IMediaSource"/>) authenticating
    /// with this client's credential (<see cref="LabelStudioClientMediaAuthenticator"/>: legacy keys and personal access tokens),
    /// its <see cref="LabelStudioMediaResolverOptions.LabelStudioUrl"/> defaulting to the client's server.
    /// </summary>
    /// <param name="configure">Configures the resolver's options.</param>
    /// <returns>This builder.</returns>
    public LabelStudioClientBuilder AddMediaResolver(Action<LabelStudioMediaResolverOptions>? configure = null)
    {
        Services.TryAddSingleton<IMediaRequestAuthenticator>(sp => new LabelStudioClientMediaAuthenticator(sp.GetRequiredService<LabelStudioClient>()));
        Services.AddLabelStudioMediaResolver(configure);
        Services.AddOptions<LabelStudioMediaResolverOptions>().PostConfigure<LabelStudioClientOptions>((media, client) =>
        {
            media.LabelStudioUrl ??= client.BaseUrl;
            media.ApiKey = null;
        });
        return this;
    }
}
