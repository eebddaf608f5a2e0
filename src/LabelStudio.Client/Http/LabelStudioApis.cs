using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace LabelStudio.Client.Http;

/// <summary>The source-generated Refit clients, all over the one named HttpClient (so one handler chain applies to every call).</summary>
internal sealed class LabelStudioApis(IProjectsApi projects, IResourcesApi resources, IStorageApi storage)
{
    public IProjectsApi Projects { get; } = projects;

    public IResourcesApi Resources { get; } = resources;

    public IStorageApi Storage { get; } = storage;

    public static RefitSettings CreateSettings() => new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(new System.Text.Json.JsonSerializerOptions(LabelStudioJsonContext.Default.Options)),
        ExceptionFactory = async response => response.IsSuccessStatusCode
            ? null
            : await ErrorResponseParser.CreateExceptionAsync(response, CancellationToken.None).ConfigureAwait(false),
    };

    public static void Register(IServiceCollection services)
    {
        // AOT-safe registration of the generated implementations, sharing the named client and its handlers.
        var settings = CreateSettings();
        services.AddRefitGeneratedClient<IProjectsApi>(_ => settings, LabelStudioHttp.HttpClientName);
        services.AddRefitGeneratedClient<IResourcesApi>(_ => settings, LabelStudioHttp.HttpClientName);
        services.AddRefitGeneratedClient<IStorageApi>(_ => settings, LabelStudioHttp.HttpClientName);
        services.AddTransient<LabelStudioApis>();
    }
}
