using System.Diagnostics.CodeAnalysis;
using LabelStudio.Client;
using LabelStudio.MlBackend.Server;
using LabelStudio.MlBackend.State;
using LabelStudio.MlBackend.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LabelStudio.MlBackend;

/// <summary>Registers an ML backend.</summary>
public static class MlBackendServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TBackend"/> (one shared instance), the state store (a
    /// <see cref="FileProjectStateStore"/> under <see cref="MlBackendOptions.DataDirectory"/> unless an
    /// <see cref="IProjectStateStore"/> is already registered), the training queue and its background service.
    /// Then call <see cref="MlBackendEndpointRouteBuilderExtensions.MapLabelStudioMlBackend"/>.
    /// </summary>
    /// <typeparam name="TBackend">Your backend.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLabelStudioMlBackend<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TBackend>(this IServiceCollection services, Action<MlBackendOptions>? configure = null)
        where TBackend : LabelStudioMlBackend
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MlBackendOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<TBackend>();
        services.TryAddSingleton<LabelStudioMlBackend>(static sp => sp.GetRequiredService<TBackend>());
        services.TryAddSingleton<IProjectStateStore>(static sp => new FileProjectStateStore(
            sp.GetRequiredService<IOptions<MlBackendOptions>>().Value.DataDirectory,
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<MlBackendOptions>>().Value;
            return new TrainingQueue(o.MaxPendingTrainingProjects, o.MaxEventsPerTrainingBatch);
        });
        services.TryAddSingleton<MlBackendServer>();
        services.TryAddSingleton<TrainingService>();
        services.AddHostedService(static sp => sp.GetRequiredService<TrainingService>());
        services.TryAddSingleton(new MlBackendMarker(typeof(TBackend)));
        return services;
    }

    /// <summary>
    /// Lets <see cref="LabelStudioMlBackend.FitAsync"/> fetch a project's annotated tasks
    /// (<see cref="Contracts.TrainingRequest.TaskSource"/>) through LabelStudio.Client: registers the client (see
    /// <c>AddLabelStudioClient</c>) and a <see cref="LabelStudioClientTaskSource"/>. Label Studio's START_TRAINING
    /// carries no annotations, so a backend that trains on it needs this. Unset URL and key are read from the
    /// configuration (environment) under the official Python backend's names: <c>LABEL_STUDIO_URL</c>, else
    /// <c>LABEL_STUDIO_HOST</c>; <c>LABEL_STUDIO_API_KEY</c>, else <c>LABEL_STUDIO_ACCESS_TOKEN</c> (a legacy token or a
    /// personal access token). The key needs read access to the projects the backend serves.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client options (URL, key, timeouts, page size).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLabelStudioTaskSource(this IServiceCollection services, Action<LabelStudioClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLabelStudioClient(configure);
        services.AddOptions<LabelStudioClientOptions>().Configure<IServiceProvider>(static (options, provider) =>
        {
            if (provider.GetService<IConfiguration>() is not { } configuration)
            {
                return;
            }

            if (options.BaseUrl is null
                && First(configuration, "LABEL_STUDIO_URL", "LABEL_STUDIO_HOST") is { } url
                && Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            {
                options.BaseUrl = parsed;
            }

            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                options.ApiKey = First(configuration, "LABEL_STUDIO_API_KEY", "LABEL_STUDIO_ACCESS_TOKEN");
            }
        });
        services.TryAddSingleton<ILabelStudioTaskSource>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<LabelStudioClientOptions>>().Value;
            return new LabelStudioClientTaskSource(sp.GetRequiredService<LabelStudioClient>(), Math.Clamp(options.PageSize, 1, 1000));
        });
        return services;
    }

    private static string? First(IConfiguration configuration, params string[] names) =>
        names.Select(name => configuration[name]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();
}
