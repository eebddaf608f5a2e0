using LabelStudio.MlBackend.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.MlBackend;

/// <summary>Maps the ML backend endpoints.</summary>
public static class MlBackendEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps GET <c>/</c> and <c>/health</c>, POST <c>/setup</c>, <c>/predict</c>, <c>/webhook</c> and <c>/train</c>,
    /// GET <c>/versions</c> and <c>/metrics</c>, under <paramref name="prefix"/>.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">A path prefix (for a backend served under a sub-path), empty by default.</param>
    /// <returns>The group of endpoints, to add conventions (rate limiting, CORS...).</returns>
    /// <exception cref="InvalidOperationException">AddLabelStudioMlBackend was not called.</exception>
    public static RouteGroupBuilder MapLabelStudioMlBackend(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<MlBackendMarker>() is null)
        {
            throw new InvalidOperationException(
                "MapLabelStudioMlBackend() needs the backend's services: call builder.Services.AddLabelStudioMlBackend<YourBackend>() before building the application.");
        }

        var server = endpoints.ServiceProvider.GetRequiredService<MlBackendServer>();
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", server.Wrap(MlBackendServer.HealthAsync, isWebhook: false));
        group.MapGet("/health", server.Wrap(MlBackendServer.HealthAsync, isWebhook: false));
        group.MapPost("/setup", server.Wrap(server.SetupAsync, isWebhook: false));
        group.MapPost("/predict", server.Wrap(server.PredictAsync, isWebhook: false));
        group.MapPost("/webhook", server.Wrap(server.WebhookAsync, isWebhook: true));
        group.MapPost("/train", server.Wrap(server.TrainAsync, isWebhook: false));
        group.MapGet("/versions", server.Wrap(server.VersionsAsync, isWebhook: false));
        group.MapGet("/metrics", server.Wrap(MlBackendServer.MetricsAsync, isWebhook: false));
        return group;
    }
}
