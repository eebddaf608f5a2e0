using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using LabelStudio.Client;

namespace LabelStudio.Host.Commands;

/// <summary>
/// The <c>--url</c> / <c>--api-key</c> options the server commands share, the client they build, and the mapping of
/// the client's failures to exit codes and messages. The options win over <c>LABEL_STUDIO_URL</c> /
/// <c>LABEL_STUDIO_API_KEY</c>. The key is never written anywhere: messages name where it came from, not its value.
/// </summary>
internal sealed class ApiConnection
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The Label Studio server, e.g. http://localhost:8080 (default: ${LabelStudioClientOptions.UrlEnvironmentVariable}).",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"A legacy API key or a personal access token (default: ${LabelStudioClientOptions.ApiKeyEnvironmentVariable}). Prefer the variable: options show up in process lists.",
    };

    /// <summary>Adds the connection options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKey);
    }

    private string? ResolveApiKey(ParseResult parseResult, CliEnvironment environment) =>
        FirstSet(parseResult.GetValue(ApiKey), environment.GetVariable(LabelStudioClientOptions.ApiKeyEnvironmentVariable));

    /// <summary>
    /// Builds a client from the options or the environment; null (after writing the reason to stderr) when the URL or
    /// key is missing or malformed, which is a usage error (exit 2).
    /// </summary>
    public async Task<LabelStudioClient?> CreateClientAsync(ParseResult parseResult, CliEnvironment environment)
    {
        var urlText = FirstSet(parseResult.GetValue(Url), environment.GetVariable(LabelStudioClientOptions.UrlEnvironmentVariable));
        var key = ResolveApiKey(parseResult, environment);
        if (urlText is null)
        {
            await environment.Error.WriteLineAsync($"error: no Label Studio server: pass --url or set {LabelStudioClientOptions.UrlEnvironmentVariable}.").ConfigureAwait(false);
            return null;
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await environment.Error.WriteLineAsync($"error: --url / {LabelStudioClientOptions.UrlEnvironmentVariable}: '{urlText}' is not an absolute http(s) URL.").ConfigureAwait(false);
            return null;
        }

        if (key is null)
        {
            await environment.Error.WriteLineAsync($"error: no API key: pass --api-key or set {LabelStudioClientOptions.ApiKeyEnvironmentVariable} (Label Studio: Account & Settings > Access Token).").ConfigureAwait(false);
            return null;
        }

        var options = new LabelStudioClientOptions { BaseUrl = url, ApiKey = key };
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            // Validate never includes the key itself.
            await environment.Error.WriteLineAsync("error: " + string.Join(" ", problems)).ConfigureAwait(false);
            return null;
        }

        return new LabelStudioClient(options);
    }

    /// <summary>
    /// Writes what went wrong talking to the server and returns the exit code: 1 when the server answered with an
    /// error (refused credentials, unknown project, rejected import), 2 when it could not be reached or timed out.
    /// Call it for exceptions <see cref="IsServerFailure"/> accepts.
    /// </summary>
    public static async Task<int> ReportAsync(Exception exception, CliEnvironment environment, Uri server)
    {
        var where = server.GetLeftPart(UriPartial.Path).TrimEnd('/');
        switch (exception)
        {
            case LabelStudioAuthenticationException auth:
                var hint = auth.StatusCode == HttpStatusCode.Forbidden
                    ? "the credential is valid but may not do this"
                    : $"check --api-key / {LabelStudioClientOptions.ApiKeyEnvironmentVariable}: a legacy key must be enabled in the organization, a personal access token must not be expired";
                await environment.Error.WriteLineAsync($"error: {where} refused the credentials ({(int)auth.StatusCode} {auth.Detail ?? auth.StatusCode.ToString()}): {hint}.").ConfigureAwait(false);
                return ExitCodes.Failure;
            case LabelStudioNotFoundException notFound:
                await environment.Error.WriteLineAsync($"error: {where}: not found ({notFound.Detail ?? "404"}).").ConfigureAwait(false);
                return ExitCodes.Failure;
            case LabelStudioApiException api:
                await environment.Error.WriteLineAsync($"error: {where}: {api.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            case HttpRequestException or SocketException:
                await environment.Error.WriteLineAsync($"error: cannot reach {where}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            case TimeoutException:
                await environment.Error.WriteLineAsync($"error: {where}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
            default:
                await environment.Error.WriteLineAsync($"error: {where}: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageOrIoError;
        }
    }

    /// <summary>Whether <paramref name="exception"/> is a failure of the exchange with the server (see <see cref="ReportAsync"/>).</summary>
    public static bool IsServerFailure(Exception exception) =>
        exception is LabelStudioApiException or HttpRequestException or SocketException or TimeoutException;

    private static string? FirstSet(params string?[] values) =>
        values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
