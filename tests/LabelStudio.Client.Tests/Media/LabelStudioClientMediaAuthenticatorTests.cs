using System.Net;
using System.Text.Json;
using LabelStudio.Client.Media;
using LabelStudio.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudio.Client.Tests.Media;

/// <summary>Media fetched with the client's credential: a personal access token exchanged for an access token, only to the Label Studio origin.</summary>
[NonParallelizable]
public class LabelStudioClientMediaAuthenticatorTests
{
    // From the fixtures: a PAT (token_type refresh) and the access token its exchange yields.
    private static readonly string Pat = JsonDocument.Parse(Responses.Fixture("tokens__refresh__request.json")).RootElement.GetProperty("refresh").GetString()!;
    private static readonly string Access = JsonDocument.Parse(Responses.Fixture("tokens__refresh__response.json")).RootElement.GetProperty("access").GetString()!;

    private MediaTestServer _ls = null!;
    private MediaTestServer _elsewhere = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _elsewhere = await MediaTestServer.StartAsync((app, _) => app.MapGet("/signed/{name}", (string name) => Results.Text("signed:" + name)));
        _ls = await MediaTestServer.StartAsync((app, _) =>
        {
            // Like Label Studio: uploads need the access token as Bearer; the PAT itself is refused.
            app.MapGet("/data/upload/{**path}", (string path, HttpRequest request) =>
                request.Headers.Authorization.ToString() == "Bearer " + Access ? Results.Text("upload:" + path) : Results.StatusCode(401));
            app.MapGet("/tasks/{id}/presign/", () => Results.Redirect(new Uri(_elsewhere.Origin, "/signed/cat.png").ToString()));
        });
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _ls.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [SetUp]
    public void Clear()
    {
        _ls.Requests.Clear();
        _elsewhere.Requests.Clear();
    }

    private TestClient Client(RecordingHandler refresh) => new(refresh, o =>
    {
        o.ApiKey = Pat;
        o.BaseUrl = _ls.Origin;
    });

    private static RecordingHandler RefreshEndpoint() =>
        new RecordingHandler().On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh__response.json"));

    private static async Task<string> Read(LabelStudioMediaResolver resolver, string reference, LabelStudio.Formats.Media.MediaContext? context = null)
    {
        await using var content = await resolver.OpenAsync(reference, context);
        using var reader = new StreamReader(content.Content);
        return await reader.ReadToEndAsync();
    }

    [Test]
    public async Task CreateMediaResolver_PersonalAccessToken_UploadFetchedWithTheExchangedAccessToken()
    {
        var refresh = RefreshEndpoint();
        using var test = Client(refresh);
        using var resolver = test.Client.CreateMediaResolver();

        var text = await Read(resolver, "/data/upload/1/cat.png");

        text.Should().Be("upload:1/cat.png");
        _ls.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Access);
        refresh.All.Should().ContainSingle().Which.Uri.AbsolutePath.Should().Be("/api/token/refresh/");
    }

    [Test]
    public async Task CreateMediaResolver_TwoFetches_OneExchange()
    {
        var refresh = RefreshEndpoint();
        using var test = Client(refresh);
        using var resolver = test.Client.CreateMediaResolver();

        await Read(resolver, "/data/upload/1/a.png");
        await Read(resolver, "/data/upload/1/b.png");

        // The fake clock (TestClient) stands before the access token's exp minus the skew: the cached token is reused.
        refresh.All.Should().ContainSingle();
    }

    [Test]
    public async Task CreateMediaResolver_RedirectToAnotherOrigin_NoCredentialThere()
    {
        using var test = Client(RefreshEndpoint());
        var options = new LabelStudioMediaResolverOptions();
        options.AllowedNetworks.Add("127.0.0.1");
        using var resolver = test.Client.CreateMediaResolver(options);

        var text = await Read(resolver, "s3://bucket/cat.png", new LabelStudio.Formats.Media.MediaContext(TaskId: 7));

        text.Should().Be("signed:cat.png");
        _ls.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Access, "the presign call goes to Label Studio");
        _elsewhere.Requests.Should().ContainSingle().Which.Authorization.Should().BeEmpty("the signed URL is on another origin");
    }

    [Test]
    public void CreateMediaResolver_LabelStudioUrlOnAnotherOrigin_Rejected()
    {
        using var test = Client(RefreshEndpoint());

        var act = () => test.Client.CreateMediaResolver(new LabelStudioMediaResolverOptions { LabelStudioUrl = _elsewhere.Origin });

        act.Should().Throw<ArgumentException>().WithMessage("*LabelStudioUrl*");
    }

    [Test]
    public async Task CreateMediaResolver_OptionsApiKey_IgnoredForTheClientCredential()
    {
        using var test = Client(RefreshEndpoint());
        var options = new LabelStudioMediaResolverOptions { ApiKey = "0123456789abcdef0123456789abcdef01234567" };
        using var resolver = test.Client.CreateMediaResolver(options);

        await Read(resolver, "/data/upload/1/cat.png");

        _ls.Requests.Single().Authorization.Should().Be("Bearer " + Access);
        options.ApiKey.Should().NotBeNull("the caller's options are not changed");
    }

    [Test]
    public async Task ApplyAsync_ExpiredAccessAndRefusedExchange_AuthenticationError()
    {
        var refused = new RecordingHandler().On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh_invalid__response.json", HttpStatusCode.Unauthorized));
        using var test = Client(refused);
        var authenticator = new LabelStudioClientMediaAuthenticator(test.Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_ls.Origin, "/data/upload/1/cat.png"));

        await FluentActions.Awaiting(() => authenticator.ApplyAsync(request).AsTask()).Should().ThrowAsync<LabelStudioAuthenticationException>();

        request.Headers.Authorization.Should().BeNull();
        authenticator.ToString().Should().NotContain(Pat[..20]);
    }

    [Test]
    public async Task AddMediaResolver_DependencyInjection_UsesTheClientCredentialAndServer()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1764000010)));
        services.AddLabelStudioClient(o =>
        {
            o.BaseUrl = _ls.Origin;
            o.ApiKey = Pat;
        }).ConfigurePrimaryHttpMessageHandler(_ => RefreshEndpoint()).AddMediaResolver();
        await using var provider = services.BuildServiceProvider();

        var resolver = provider.GetRequiredService<LabelStudioMediaResolver>();
        var text = await Read(resolver, "/data/upload/2/dog.png");

        text.Should().Be("upload:2/dog.png");
        _ls.Requests.Single().Authorization.Should().Be("Bearer " + Access);
    }
}
