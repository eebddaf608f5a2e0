using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace LabelStudio.Client.Http;

/// <summary>The source-generated Refit clients, all over the one named HttpClient (so one handler chain applies to every call).</summary>
internal sealed class LabelStudioApis(IProjectsApi projects, IResourcesApi resources, IStorageApi storage)
{
    public IProjectsApi Projects { get; } = projects;

    public IResourcesApi Resources { get; } = resources;

    public IStorageApi Storage { get; } = storage;

    public static RefitSettings CreateSettings()
    {
        // Generated JSON metadata only: reflection-based serialization is off.
        var settings = RefitSettings.ForJsonContext(LabelStudioJsonContext.Default);
        settings.UrlParameterFormatter = new QueryFormatter();
        settings.ExceptionFactory = async response => response.IsSuccessStatusCode
            ? null
            : await ErrorResponseParser.CreateExceptionAsync(response, CancellationToken.None).ConfigureAwait(false);

        settings.DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(new LabelStudioApiException(
            new LabelStudioErrorResponse
            {
                StatusCode = (int)response.StatusCode,
                Method = response.RequestMessage?.Method.Method,
                RequestPath = response.RequestMessage?.RequestUri?.AbsolutePath,
                Detail = "The response body could not be read as the expected type: " + exception.Message,
            },
            exception));

        // Surface our exceptions and the transport's own, never Refit's wrappers: the public surface names no Refit type.
        settings.TransportExceptionFactory = (request, exception, _) => TransportErrors.Translate(request, exception);
        return settings;
    }

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
