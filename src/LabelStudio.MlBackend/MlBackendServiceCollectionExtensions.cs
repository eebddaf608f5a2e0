using System.Diagnostics.CodeAnalysis;
using LabelStudio.MlBackend.Server;
using LabelStudio.MlBackend.State;
using LabelStudio.MlBackend.Training;
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
}
