using Microsoft.Extensions.DependencyInjection;

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
}
