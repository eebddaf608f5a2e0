using System.Net;
using System.Text.Json;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>Legacy keys, personal access tokens (refresh exchange, skew, single flight, 401 replay), X-Api-Key, no secrets in logs.</summary>
public class AuthenticationTests
{
    // From the fixtures: a PAT (token_type refresh, exp 2100-01-01) and the access token it yields (exp 1764000300).
    private static readonly string Pat = JsonDocument.Parse(Responses.Fixture("tokens__refresh__request.json")).RootElement.GetProperty("refresh").GetString()!;
    private static readonly string Access = JsonDocument.Parse(Responses.Fixture("tokens__refresh__response.json")).RootElement.GetProperty("access").GetString()!;
    private static readonly DateTimeOffset AccessExpiry = DateTimeOffset.FromUnixTimeSeconds(1764000300);

    private static RecordingHandler Server() => new RecordingHandler()
        .On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh__response.json"))
        .On(HttpMethod.Get, "/api/version/", () => Responses.FromFixture("version__get__response.json"));

    private static int Refreshes(RecordingHandler handler) => handler.All.Count(r => r.Uri.AbsolutePath == "/api/token/refresh/");

    [Test]
    public async Task LegacyKey_AnyCall_SendsTokenScheme()
    {
        var handler = Server();
        using var test = new TestClient(handler);
        await test.Client.GetVersionAsync();
        handler.All.Single().Header("Authorization").Should().Be("Token " + TestClient.LegacyKey);
        Refreshes(handler).Should().Be(0);
    }

    [Test]
    public async Task Pat_FirstCall_ExchangesThenSendsBearerAccess()
    {
        var handler = Server();
        using var test = new TestClient(handler, o => o.ApiKey = Pat);
        await test.Client.GetVersionAsync();

        var refresh = handler.All[0];
        refresh.Uri.AbsolutePath.Should().Be("/api/token/refresh/");
        refresh.Header("Authorization").Should().BeNull("the exchange needs no credential header");
        JsonDocument.Parse(refresh.Body!).RootElement.GetProperty("refresh").GetString().Should().Be(Pat);
        handler.All[1].Header("Authorization").Should().Be("Bearer " + Access, "the PAT itself must never be the bearer credential");
    }

    [Test]
    public async Task Pat_TokenStillFresh_NoSecondRefresh()
    {
        var handler = Server();
        using var test = new TestClient(handler, o => o.ApiKey = Pat);
        await test.Client.GetVersionAsync();
        test.Time.SetUtcNow(AccessExpiry - TimeSpan.FromSeconds(31));
        await test.Client.GetVersionAsync();
        Refreshes(handler).Should().Be(1);
    }

    [Test]
    public async Task Pat_InsideSkewMargin_RefreshesBeforeExpiry()
    {
        var handler = Server();
        using var test = new TestClient(handler, o => o.ApiKey = Pat);
        await test.Client.GetVersionAsync();

        // 20 s before expiry is inside the 30 s default margin: refresh although the token has not expired yet.
        test.Time.SetUtcNow(AccessExpiry - TimeSpan.FromSeconds(20));
        await test.Client.GetVersionAsync();
        Refreshes(handler).Should().Be(2);
    }

    [Test]
    public async Task Pat_ConcurrentCalls_OneRefresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/token/refresh/", async (_, ct) =>
            {
                await release.Task.WaitAsync(ct);
                return Responses.FromFixture("tokens__refresh__response.json");
            })
            .On(HttpMethod.Get, "/api/version/", () => Responses.FromFixture("version__get__response.json"));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);

        var calls = Enumerable.Range(0, 16).Select(_ => Task.Run(() => test.Client.GetVersionAsync())).ToList();
        while (Refreshes(handler) == 0)
        {
            await Task.Yield();
        }

        release.SetResult();
        await Task.WhenAll(calls);
        Refreshes(handler).Should().Be(1);
        handler.All.Count(r => r.Uri.AbsolutePath == "/api/version/").Should().Be(16);
    }

    [Test]
    public async Task Pat_Unauthorized_RefreshesOnceAndReplaysOnce()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh__response.json"))
            .OnSequence(HttpMethod.Get, "/api/version/",
                () => Responses.Json("{\"detail\": \"Token is invalid or expired\"}", HttpStatusCode.Unauthorized),
                () => Responses.FromFixture("version__get__response.json"));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);

        var version = await test.Client.GetVersionAsync();

        version.Edition.Should().Be("Community");
        Refreshes(handler).Should().Be(2, "one initial exchange, one after the 401");
        handler.All.Count(r => r.Uri.AbsolutePath == "/api/version/").Should().Be(2);
    }

    [Test]
    public async Task Pat_UnauthorizedTwice_ThrowsWithoutLooping()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh__response.json"))
            .On(HttpMethod.Get, "/api/version/", () => Responses.Json("{\"detail\": \"Invalid token.\"}", HttpStatusCode.Unauthorized));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);

        var act = () => test.Client.GetVersionAsync();

        await act.Should().ThrowAsync<LabelStudioAuthenticationException>();
        handler.All.Count(r => r.Uri.AbsolutePath == "/api/version/").Should().Be(2);
        Refreshes(handler).Should().Be(2);
    }

    [Test]
    public async Task LegacyKey_Unauthorized_NoReplay()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/version/", () => Responses.Json("{\"detail\": \"Invalid token.\"}", HttpStatusCode.Unauthorized));
        using var test = new TestClient(handler);
        var act = () => test.Client.GetVersionAsync();
        await act.Should().ThrowAsync<LabelStudioAuthenticationException>();
        handler.All.Should().HaveCount(1);
    }

    [Test]
    public async Task Pat_RefreshRejected_AuthenticationExceptionFromFixture()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh_invalid__response.json", HttpStatusCode.Unauthorized));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);

        var act = () => test.Client.GetVersionAsync();

        var e = (await act.Should().ThrowAsync<LabelStudioAuthenticationException>()).Which;
        e.Error.Code.Should().Be("token_not_valid");
        Refreshes(handler).Should().Be(1, "a rejected refresh is not retried");
    }

    [Test]
    public async Task Pat_Expired_FailsWithoutCallingTheServer()
    {
        var handler = Server();
        using var test = new TestClient(handler, o => o.ApiKey = Pat);
        test.Time.SetUtcNow(new DateTimeOffset(2100, 1, 2, 0, 0, 0, TimeSpan.Zero));

        var act = () => test.Client.GetVersionAsync();

        (await act.Should().ThrowAsync<LabelStudioAuthenticationException>()).Which.Message.Should().Contain("expired").And.NotContain(Pat);
        handler.All.Should().BeEmpty();
    }

    [Test]
    public async Task XApiKeyMode_Pat_SendsAccessTokenInXApiKeyAndNoAuthorization()
    {
        var handler = Server();
        using var test = new TestClient(handler, o =>
        {
            o.ApiKey = Pat;
            o.AuthenticationMode = LabelStudioAuthenticationMode.XApiKey;
        });
        await test.Client.GetVersionAsync();
        var call = handler.All[^1];
        call.Header("X-Api-Key").Should().Be(Access);
        call.Header("Authorization").Should().BeNull();
    }

    [Test]
    public async Task Logs_PatFlowWithRetriesAndErrors_NeverContainSecrets()
    {
        var handler = new RecordingHandler()
            .On(HttpMethod.Post, "/api/token/refresh/", () => Responses.FromFixture("tokens__refresh__response.json"))
            .OnSequence(HttpMethod.Get, "/api/version/",
                () => Responses.Status(HttpStatusCode.ServiceUnavailable),
                () => Responses.Json("{\"detail\": \"x\"}", HttpStatusCode.Unauthorized),
                () => Responses.Json("{\"detail\": \"x\"}", HttpStatusCode.Unauthorized));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);

        var act = () => test.Client.GetVersionAsync();
        await act.Should().ThrowAsync<LabelStudioApiException>();

        test.Logs.Should().NotBeEmpty("HttpClient and retry logging ran");
        test.Logs.Should().NotContain(l => l.Contains(Pat, StringComparison.Ordinal) || l.Contains(Access, StringComparison.Ordinal));
    }

    [Test]
    public async Task Pat_RefreshUnavailableOnce_RefreshRetried()
    {
        var handler = new RecordingHandler()
            .OnSequence(HttpMethod.Post, "/api/token/refresh/", () => Responses.Status(HttpStatusCode.ServiceUnavailable), () => Responses.FromFixture("tokens__refresh__response.json"))
            .On(HttpMethod.Get, "/api/version/", () => Responses.FromFixture("version__get__response.json"));
        using var test = new TestClient(handler, o => o.ApiKey = Pat);
        await test.Client.GetVersionAsync();
        Refreshes(handler).Should().Be(2, "the exchange is idempotent, so a transient failure is retried");
    }

    [Test]
    public void Options_KeyWithWhitespace_Rejected()
    {
        var options = new LabelStudioClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/"), ApiKey = "Token abc" };
        options.Validate().Should().ContainSingle().Which.Should().Contain("whitespace").And.NotContain("abc");
    }
}
