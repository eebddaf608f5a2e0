using LabelStudio.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudio.Client.Tests;

/// <summary>Registration, options validation, environment variables and the script constructor.</summary>
[NonParallelizable]
public class DependencyInjectionTests
{
    [Test]
    public void AddLabelStudioClient_MissingUrlAndKey_ValidationFailsOnResolve()
    {
        using var env = new EnvironmentScope(null, null);
        var services = new ServiceCollection();
        services.AddLabelStudioClient();
        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<LabelStudioClient>();
        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(2);
    }

    [Test]
    public void AddLabelStudioClient_EnvironmentVariables_FillUnsetOptions()
    {
        using var env = new EnvironmentScope("http://127.0.0.1:9/ls", TestClient.LegacyKey);
        var services = new ServiceCollection();
        services.AddLabelStudioClient();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<LabelStudioClient>().BaseUrl.Should().Be(new Uri("http://127.0.0.1:9/ls"));
    }

    [Test]
    public void AddLabelStudioClient_ReturnsBuilderOverTheSameServices()
    {
        var services = new ServiceCollection();
        var builder = services.AddLabelStudioClient(o => o.BaseUrl = new Uri("http://127.0.0.1:9"));
        builder.Services.Should().BeSameAs(services);
        builder.HttpClientBuilder.Name.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Constructor_InvalidOptions_ArgumentExceptionNamingTheProblem()
    {
        using var env = new EnvironmentScope(null, null);
        var act = () => new LabelStudioClient(new LabelStudioClientOptions { BaseUrl = new Uri("ftp://127.0.0.1/"), ApiKey = "k" });
        act.Should().Throw<ArgumentException>().WithMessage("*http or https*");
    }

    [Test]
    public async Task BaseUrlWithPathPrefix_RequestsKeepThePrefix()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/ls/api/version/", () => Responses.FromFixture("version__get__response.json"));
        using var test = new TestClient(handler, o => o.BaseUrl = new Uri("http://127.0.0.1:8080/ls"));
        var version = await test.Client.GetVersionAsync();
        version.Release.Should().Be("1.22.0");
        handler.All.Single().Uri.AbsolutePath.Should().Be("/ls/api/version/");
    }

    [Test]
    public async Task SendAsync_EscapeHatch_SameAuthAndErrorMapping()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Get, "/api/workspaces/", () => Responses.Json("[]"))
            .On(HttpMethod.Get, "/api/billing/", () => Responses.Json("{\"detail\": \"Enterprise only\"}", System.Net.HttpStatusCode.NotFound));
        using var test = new TestClient(handler);

        using var ok = await test.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("api/workspaces/", UriKind.Relative)));
        handler.All.Single().Header("Authorization").Should().Be("Token " + TestClient.LegacyKey);

        var act = () => test.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("api/billing/", UriKind.Relative)));
        await act.Should().ThrowAsync<LabelStudioNotFoundException>();
    }

    [Test]
    public async Task SendAsync_PostMarkedIdempotent_RetriedOnlyThen()
    {
        var handler = new RecordingHandler()
            .OnSequence(HttpMethod.Post, "/api/custom/", () => Responses.Status(System.Net.HttpStatusCode.ServiceUnavailable), () => Responses.Status(System.Net.HttpStatusCode.ServiceUnavailable), () => Responses.Json("{}"));
        using var test = new TestClient(handler);

        var plain = () => test.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("api/custom/", UriKind.Relative)) { Content = new StringContent("{}") });
        await plain.Should().ThrowAsync<LabelStudioApiException>();
        handler.All.Should().HaveCount(1, "a POST is not retried unless declared idempotent");

        using var ok = await test.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("api/custom/", UriKind.Relative)) { Content = new StringContent("{}") }.AsIdempotent());
        handler.All.Should().HaveCount(3);
    }

    [Test]
    public async Task SendAsync_OtherOrigin_RefusedSoCredentialsStayHome()
    {
        var handler = new RecordingHandler();
        using var test = new TestClient(handler);
        var act = () => test.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("http://127.0.0.2:8080/api/")));
        await act.Should().ThrowAsync<ArgumentException>();
        handler.All.Should().BeEmpty();
    }

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly string? _url = Environment.GetEnvironmentVariable(LabelStudioClientOptions.UrlEnvironmentVariable);
        private readonly string? _key = Environment.GetEnvironmentVariable(LabelStudioClientOptions.ApiKeyEnvironmentVariable);

        public EnvironmentScope(string? url, string? key)
        {
            Environment.SetEnvironmentVariable(LabelStudioClientOptions.UrlEnvironmentVariable, url);
            Environment.SetEnvironmentVariable(LabelStudioClientOptions.ApiKeyEnvironmentVariable, key);
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(LabelStudioClientOptions.UrlEnvironmentVariable, _url);
            Environment.SetEnvironmentVariable(LabelStudioClientOptions.ApiKeyEnvironmentVariable, _key);
        }
    }
}
