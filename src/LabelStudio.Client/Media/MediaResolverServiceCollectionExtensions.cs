using LabelStudio.Formats.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudio.Client.Media;

/// <summary>Registers <see cref="LabelStudioMediaResolver"/> with dependency injection.</summary>
public static class MediaResolverServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LabelStudioMediaResolver"/> (and <see cref="IMediaSource"/>) as singletons, with a named
    /// <see cref="HttpClient"/> (<see cref="LabelStudioMediaResolver.HttpClientName"/>) whose handler carries the SSRF
    /// guard and whose request logging is removed (URLs may hold presigned tokens). An
    /// <see cref="IMediaRequestAuthenticator"/> and a <see cref="TimeProvider"/> registered in the container are used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLabelStudioMediaResolver(this IServiceCollection services, Action<LabelStudioMediaResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LabelStudioMediaResolverOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(LabelStudioMediaResolver.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => LabelStudioMediaResolver.CreateHandler(
                sp.GetRequiredService<IOptions<LabelStudioMediaResolverOptions>>().Value, SystemMediaNetwork.Instance))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new LabelStudioMediaResolver(
                sp.GetRequiredService<IOptions<LabelStudioMediaResolverOptions>>().Value,
                sp.GetService<IMediaRequestAuthenticator>(),
                sp.GetService<TimeProvider>(),
                SystemMediaNetwork.Instance,
                () => factory.CreateClient(LabelStudioMediaResolver.HttpClientName));
        });
        services.TryAddSingleton<IMediaSource>(sp => sp.GetRequiredService<LabelStudioMediaResolver>());
        return services;
    }
}
