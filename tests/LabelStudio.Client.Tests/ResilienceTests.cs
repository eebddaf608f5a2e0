using System.Net;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>Retries only what is safe to replay (reference client.md §10.2), within limits, honouring Retry-After.</summary>
public class ResilienceTests
{
    private static int Count(RecordingHandler handler, HttpMethod method, string path) => handler.All.Count(r => r.Method == method && r.Uri.AbsolutePath == path);

    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Get_TransientStatusThenOk_Retried(HttpStatusCode status)
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Get, "/api/projects/1/", () => Responses.Status(status), () => Responses.FromFixture("projects__create__response.json"));
        using var test = new TestClient(handler);
        var project = await test.Client.Projects.GetAsync(1);
        project.Id.Should().Be(1);
        Count(handler, HttpMethod.Get, "/api/projects/1/").Should().Be(2);
    }

    [Test]
    public async Task Get_AlwaysUnavailable_StopsAfterMaxRetries()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", () => Responses.Status(HttpStatusCode.ServiceUnavailable));
        using var test = new TestClient(handler, o => o.MaxRetries = 3);
        var act = () => test.Client.Projects.GetAsync(1);
        (await act.Should().ThrowAsync<LabelStudioApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        Count(handler, HttpMethod.Get, "/api/projects/1/").Should().Be(4, "one attempt plus three retries");
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.UnprocessableEntity)]
    public async Task Get_ClientError_NotRetried(HttpStatusCode status)
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", () => Responses.Json("{\"detail\": \"no\"}", status));
        using var test = new TestClient(handler);
        var act = () => test.Client.Projects.GetAsync(1);
        await act.Should().ThrowAsync<LabelStudioApiException>();
        Count(handler, HttpMethod.Get, "/api/projects/1/").Should().Be(1);
    }

    [Test]
    public async Task PostCreate_Unavailable_NotRetriedBecauseAReplayWouldDuplicate()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/", () => Responses.Status(HttpStatusCode.ServiceUnavailable));
        using var test = new TestClient(handler);
        var act = () => test.Client.Projects.CreateAsync(new ProjectRequest { Title = "demo" });
        await act.Should().ThrowAsync<LabelStudioApiException>();
        Count(handler, HttpMethod.Post, "/api/projects/").Should().Be(1);
    }

    [Test]
    public async Task PostImport_GatewayTimeout_NotRetried()
    {
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/1/import", () => Responses.Status(HttpStatusCode.GatewayTimeout));
        using var test = new TestClient(handler);
        using var json = new MemoryStream("[{\"text\": \"a\"}]"u8.ToArray());
        var act = () => test.Client.Import.ImportJsonAsync(1, json);
        await act.Should().ThrowAsync<LabelStudioApiException>();
        Count(handler, HttpMethod.Post, "/api/projects/1/import").Should().Be(1, "a replayed import duplicates tasks");
    }

    [Test]
    public async Task PostCreate_ConnectionRefused_RetriedBecauseNothingReachedTheServer()
    {
        var attempts = 0;
        var handler = new RecordingHandler().On(HttpMethod.Post, "/api/projects/", (_, _) =>
            Interlocked.Increment(ref attempts) == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
                : Task.FromResult(Responses.FromFixture("projects__create__response.json", HttpStatusCode.Created)));
        using var test = new TestClient(handler);
        var project = await test.Client.Projects.CreateAsync(new ProjectRequest { Title = "demo" });
        project.Id.Should().Be(1);
        attempts.Should().Be(2);
    }

    [Test]
    public async Task PostValidate_Unavailable_RetriedBecauseValidationIsIdempotent()
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Post, "/api/projects/1/validate/",
            () => Responses.Status(HttpStatusCode.BadGateway),
            () => Responses.FromFixture("projects__validate_config__response.json"));
        using var test = new TestClient(handler);
        await test.Client.Projects.ValidateLabelConfigAsync(1, "<View/>");
        Count(handler, HttpMethod.Post, "/api/projects/1/validate/").Should().Be(2);
    }

    [Test]
    public async Task Patch_Unavailable_RetriedWithSameBody()
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Patch, "/api/projects/1/",
            () => Responses.Status(HttpStatusCode.ServiceUnavailable),
            () => Responses.FromFixture("projects__update__response.json"));
        using var test = new TestClient(handler);
        await test.Client.Projects.UpdateAsync(1, new ProjectRequest { Title = "renamed" });
        var bodies = handler.All.Where(r => r.Method == HttpMethod.Patch).Select(r => r.Body).ToList();
        bodies.Should().HaveCount(2);
        bodies[1].Should().Be(bodies[0]).And.Contain("\"title\":\"renamed\"");
    }

    [Test]
    public async Task RetryAfter_Seconds_UsedAsTheDelay()
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Get, "/api/projects/1/",
            () =>
            {
                var r = Responses.Status(HttpStatusCode.TooManyRequests);
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return r;
            },
            () => Responses.FromFixture("projects__create__response.json"));

        // A long attempt timeout: the fake clock moves while the loop below waits, and only the retry delay is under test.
        using var test = new TestClient(handler, o => o.Timeout = TimeSpan.FromHours(1));

        var call = test.Client.Projects.GetAsync(1);
        await AdvanceUntilDone(test, call);

        test.Logs.Should().Contain(l => l.Contains("Delay=00:00:07", StringComparison.Ordinal));
    }

    [Test]
    public async Task RetryAfter_HttpDate_MeasuredFromTheResponseDate()
    {
        using var test = new TestClient(new RecordingHandler(), o => o.Timeout = TimeSpan.FromHours(1));
        var handler = test.Handler.OnSequence(HttpMethod.Get, "/api/projects/1/",
            () =>
            {
                var r = Responses.Status(HttpStatusCode.ServiceUnavailable);
                var serverNow = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
                r.Headers.Date = serverNow;
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(serverNow.AddSeconds(9));
                return r;
            },
            () => Responses.FromFixture("projects__create__response.json"));

        var call = test.Client.Projects.GetAsync(1);
        await AdvanceUntilDone(test, call);

        // The server's own Date header is the reference, so clock skew between client and server does not matter.
        test.Logs.Should().Contain(l => l.Contains("Delay=00:00:09", StringComparison.Ordinal));
        handler.All.Should().HaveCount(2);
    }

    [Test]
    public async Task RetryAfter_AboveMaximum_Capped()
    {
        var handler = new RecordingHandler().OnSequence(HttpMethod.Get, "/api/projects/1/",
            () =>
            {
                var r = Responses.Status(HttpStatusCode.ServiceUnavailable);
                r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1));
                return r;
            },
            () => Responses.FromFixture("projects__create__response.json"));
        using var test = new TestClient(handler, o =>
        {
            o.RetryMaxDelay = TimeSpan.FromSeconds(12);
            o.Timeout = TimeSpan.FromHours(1);
        });

        var call = test.Client.Projects.GetAsync(1);
        await AdvanceUntilDone(test, call);

        test.Logs.Should().Contain(l => l.Contains("Delay=00:00:12", StringComparison.Ordinal));
    }

    [Test]
    public async Task Cancellation_BeforeCall_ThrowsAndSendsNothing()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", () => Responses.FromFixture("projects__create__response.json"));
        using var test = new TestClient(handler);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var act = () => test.Client.Projects.GetAsync(1, cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        handler.All.Should().BeEmpty();
    }

    [Test]
    public async Task Cancellation_DuringCall_NotRetried()
    {
        using var cts = new CancellationTokenSource();
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return Responses.FromFixture("projects__create__response.json");
        });
        using var test = new TestClient(handler);
        var act = () => test.Client.Projects.GetAsync(1, cts.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        handler.All.Should().HaveCount(1);
    }

    [Test]
    public async Task AttemptTimeout_ServerNeverAnswers_TimesOutOnTheClientClock()
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Responses.Status(HttpStatusCode.OK);
        });
        using var test = new TestClient(handler, o =>
        {
            o.MaxRetries = 0;
            o.Timeout = TimeSpan.FromSeconds(5);
        });

        var call = test.Client.Projects.GetAsync(1);
        await AdvanceUntilDone(test, call);

        var act = () => call;
        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("/api/projects/1/");
    }

    private static async Task AdvanceUntilDone(TestClient test, Task call)
    {
        // Moves the fake clock in small steps until the call completes; no real waiting.
        for (var i = 0; i < 100_000 && !call.IsCompleted; i++)
        {
            test.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }

        call.IsCompleted.Should().BeTrue();
        try
        {
            await call;
        }
        catch (Exception)
        {
            // The caller asserts the outcome.
        }
    }
}
