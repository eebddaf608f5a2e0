using System.Net;
using System.Security.Cryptography;
using System.Text;
using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;
using LabelStudio.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace LabelStudio.Client.Tests.Media;

public class LabelStudioMediaResolverTests
{
    private const string Key = "ls-key-123";
    private const string ExpectedAuthorization = "Token " + Key;

    private MediaTestServer _ls = null!;
    private MediaTestServer _cdn = null!;
    private TaskCompletionSource _hangReached = null!;
    private string _sandbox = null!;

    private static byte[] Png => File.ReadAllBytes(Path.Combine(RepositoryPaths.TestData, "Media", "images", "png-37x21.png"));

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _cdn = await MediaTestServer.StartAsync((app, self) =>
        {
            app.MapGet("/signed/{name}", (string name) => Results.Text("signed:" + name));
            app.MapGet("/bounce", () => Results.Redirect(new Uri(_ls.Origin, "/ls/data/upload/1/back.png").ToString()));
            app.MapGet("/cdn.txt", () => Results.Text("cdn"));
        });

        _ls = await MediaTestServer.StartAsync((app, self) =>
        {
            app.MapGet("/ls/data/upload/{**path}", (string path) => Results.Text("upload:" + path));
            app.MapGet("/ls/data/local-files/", (HttpRequest request) => Results.Text("local:" + request.Query["d"]));
            app.MapGet("/ls/tasks/{id}/presign/", (string id, HttpRequest request) => Presign("task" + id, request));
            app.MapGet("/ls/projects/{id}/presign/", (string id, HttpRequest request) => Presign("project" + id, request));
            app.MapGet("/ls/redirect/same", () => Results.Redirect("/ls/data/upload/1/same.png"));
            app.MapGet("/ls/redirect/away-and-back", () => Results.Redirect(new Uri(_cdn.Origin, "/bounce").ToString()));
            app.MapGet("/ls/redirect/private", () => Results.Redirect("http://10.0.0.1/latest/meta-data/"));
            app.MapGet("/ls/redirect/metadata-name", () => Results.Redirect("http://metadata.test/computeMetadata/v1/"));
            app.MapGet("/ls/redirect/ftp", () => Results.Redirect("ftp://example.org/a.png"));
            app.MapGet("/ls/redirect/no-location", () => Results.StatusCode(302));
            app.MapGet("/ls/loop", () => Results.Redirect("/ls/loop"));
            app.MapGet("/ls/big", (int n) => Results.Bytes(new byte[n], "application/octet-stream"));
            app.MapGet("/ls/big-chunked", async (int n, HttpContext context) =>
            {
                // No Content-Length: the cap must be enforced while reading.
                context.Response.ContentType = "application/octet-stream";
                await context.Response.StartAsync();
                for (var sent = 0; sent < n; sent += 100)
                {
                    await context.Response.Body.WriteAsync(new byte[Math.Min(100, n - sent)]);
                    await context.Response.Body.FlushAsync();
                }
            });
            app.MapGet("/ls/hang", async (HttpContext context) =>
            {
                _hangReached.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
            app.MapGet("/ls/image.png", () => Results.Bytes(Png, "image/png"));
            app.MapGet("/ls/huge.png", async (HttpContext context) =>
            {
                // A real PNG header followed by 4 MB: more than the cap the test sets, without Content-Length.
                context.Response.ContentType = "image/png";
                await context.Response.StartAsync();
                await context.Response.Body.WriteAsync(Png, context.RequestAborted);
                for (var i = 0; i < 64; i++)
                {
                    await context.Response.Body.WriteAsync(new byte[65536], context.RequestAborted);
                }
            });
            app.MapGet("/ls/missing", () => Results.NotFound());
            app.MapGet("/ls/denied", () => Results.StatusCode(401));
            app.MapGet("/ls/teapot", () => Results.StatusCode(418));
        });
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _ls.DisposeAsync();
        await _cdn.DisposeAsync();
    }

    [SetUp]
    public void SetUp()
    {
        _ls.Requests.Clear();
        _cdn.Requests.Clear();
        _hangReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sandbox = Path.Combine(Path.GetTempPath(), "ls-media-resolver-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_sandbox);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_sandbox, recursive: true);

    private Uri LsBase => new(_ls.Origin, "/ls/");

    private LabelStudioMediaResolverOptions Options(Action<LabelStudioMediaResolverOptions>? configure = null)
    {
        var options = new LabelStudioMediaResolverOptions { LabelStudioUrl = LsBase, ApiKey = Key };

        // The CDN stand-in also listens on 127.0.0.1: loopback is allow-listed explicitly, only for these tests.
        options.AllowedNetworks.Add("127.0.0.1/32");
        configure?.Invoke(options);
        return options;
    }

    private static LabelStudioMediaResolver Create(LabelStudioMediaResolverOptions options, IMediaNetwork? network = null, TimeProvider? time = null) =>
        new(options, authenticator: null, time, network ?? new LoopbackOnlyNetwork(), clientFactory: null);

    private static async Task<string> ReadAllAsync(string reference, LabelStudioMediaResolver resolver, MediaContext? context = null)
    {
        await using var media = await resolver.OpenAsync(reference, context);
        return await new StreamReader(media.Content).ReadToEndAsync();
    }

    private IResult Presign(string owner, HttpRequest request)
    {
        // Label Studio decodes fileuri with urlsafe base64 and redirects to a signed URL on the storage host.
        var fileUri = Encoding.UTF8.GetString(Convert.FromBase64String(request.Query["fileuri"].ToString().Replace('-', '+').Replace('_', '/')));
        var name = fileUri[(fileUri.LastIndexOf('/') + 1)..];
        return Results.Redirect(new Uri(_cdn.Origin, $"/signed/{owner}-{name}?X-Amz-Signature=topsecret").ToString());
    }

    [Test]
    public async Task OpenAsync_UploadUrl_FetchesUnderBasePathWithCredentials()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync("/data/upload/1/a1b2-cat.png", resolver);

        text.Should().Be("upload:1/a1b2-cat.png");
        _ls.Requests.Should().ContainSingle().Which.Should().Be(new RecordedRequest("/ls/data/upload/1/a1b2-cat.png", ExpectedAuthorization, $"127.0.0.1:{_ls.Origin.Port}"));
    }

    [Test]
    public async Task OpenAsync_UploadUrlAlreadyCarryingBasePath_IsNotPrefixedTwice()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync("/ls/data/upload/1/cat.png", resolver);

        text.Should().Be("upload:1/cat.png");
    }

    [Test]
    public async Task OpenAsync_LocalFilesUrl_FetchesWithDecodedPathReEncoded()
    {
        using var resolver = Create(Options());

        await using var media = await resolver.OpenAsync("/data/local-files/?d=dir%2Fa+b.png");
        var text = await new StreamReader(media.Content).ReadToEndAsync();

        text.Should().Be("local:dir/a b.png");
        media.FileName.Should().Be("a b.png");
        _ls.Requests.Single().Authorization.Should().Be(ExpectedAuthorization);
    }

    [Test]
    public async Task OpenAsync_LocalFilesUrlWithLocalRoot_ReadsLocallyWithoutHttp()
    {
        var root = Path.Combine(_sandbox, "root");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "from disk");
        using var resolver = Create(Options(o => o.LocalFilesDocumentRoot = root));

        var text = await ReadAllAsync("/data/local-files/?d=a.txt", resolver);

        text.Should().Be("from disk");
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_LocalFilesTraversalWithLocalRoot_ThrowsOutsideRootWithoutHttp()
    {
        using var resolver = Create(Options(o => o.LocalFilesDocumentRoot = _sandbox));

        var act = () => resolver.OpenAsync("/data/local-files/?d=%2e%2e/%2e%2e/etc/passwd");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_LocalFilesTraversalWithoutLocalRoot_ThrowsOutsideRootWithoutHttp()
    {
        // Fetched from Label Studio (no local root): the '..' path is refused here as the export download cache refuses
        // it, instead of being left to the server's own check.
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("/data/local-files/?d=../secret/key.pem");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.OutsideRoot);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_CloudUriWithTaskId_PresignsThroughLabelStudioAndDropsCredentialsOnRedirect()
    {
        using var resolver = Create(Options());

        await using var media = await resolver.OpenAsync("s3://bucket/dir/cat.jpg", new MediaContext(TaskId: 42));
        var text = await new StreamReader(media.Content).ReadToEndAsync();

        text.Should().Be("signed:task42-cat.jpg");
        media.FileName.Should().Be("cat.jpg");

        // fileuri is urlsafe base64 of the storage URI (what Label Studio's presign view decodes).
        var expectedFileUri = Uri.EscapeDataString(Convert.ToBase64String("s3://bucket/dir/cat.jpg"u8.ToArray()).Replace('+', '-').Replace('/', '_'));
        _ls.Requests.Should().ContainSingle().Which.Should().Be(new RecordedRequest($"/ls/tasks/42/presign/?fileuri={expectedFileUri}", ExpectedAuthorization, $"127.0.0.1:{_ls.Origin.Port}"));
        _cdn.Requests.Should().ContainSingle().Which.Authorization.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_CloudUriWithProjectIdOnly_UsesProjectPresign()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync("gs://bucket/dog.png", resolver, new MediaContext(ProjectId: 7));

        text.Should().Be("signed:project7-dog.png");
    }

    [Test]
    public async Task OpenAsync_CloudUriWithoutContext_ThrowsNotConfigured()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("azure-blob://container/a.wav");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.NotConfigured);
        thrown.Which.Message.Should().Contain("task id");
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_NoLabelStudioUrl_ThrowsNotConfiguredForRelativeForms()
    {
        using var resolver = Create(new LabelStudioMediaResolverOptions());

        var act = () => resolver.OpenAsync("/data/upload/1/a.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotConfigured);
    }

    [TestCase("/api/current-user/token")]
    [TestCase("/ls/api/projects/")]
    [TestCase("/data/../api/users/")]
    [TestCase("/API/users/")]
    [TestCase("/data/upload/../../api/users/")]
    [TestCase("/data/upload/1/%2e%2e/%2e%2e/%2e%2e/api/users/")]
    public async Task OpenAsync_RestApiPath_IsRefusedWithoutRequest(string reference)
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync(reference);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().BeOneOf(MediaErrorReason.Unsupported, MediaErrorReason.OutsideRoot);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_AbsoluteUrlToRestApiOnLabelStudioOrigin_IsRefusedWithoutRequest()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync(new Uri(_ls.Origin, "/ls/api/users/").ToString());

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.Unsupported);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_SameOriginRedirect_KeepsCredentials()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync("/redirect/same", resolver);

        text.Should().Be("upload:1/same.png");
        _ls.Requests.Select(r => r.PathAndQuery).Should().Equal("/ls/redirect/same", "/ls/data/upload/1/same.png");
        _ls.Requests.Select(r => r.Authorization).Should().Equal(ExpectedAuthorization, ExpectedAuthorization);
    }

    [Test]
    public async Task OpenAsync_RedirectAwayAndBackToLabelStudio_NeverResendsCredentials()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync("/redirect/away-and-back", resolver);

        text.Should().Be("upload:1/back.png");
        _ls.Requests.Select(r => (r.PathAndQuery, r.Authorization)).Should().Equal(
            ("/ls/redirect/away-and-back", ExpectedAuthorization),
            ("/ls/data/upload/1/back.png", string.Empty));
        _cdn.Requests.Should().ContainSingle().Which.Authorization.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_AbsoluteUrlOnOtherOrigin_SendsNoCredentials()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync(new Uri(_cdn.Origin, "/cdn.txt").ToString(), resolver);

        text.Should().Be("cdn");
        _cdn.Requests.Single().Authorization.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_AbsoluteUrlOnLabelStudioOrigin_SendsCredentials()
    {
        using var resolver = Create(Options());

        var text = await ReadAllAsync(new Uri(_ls.Origin, "/ls/data/upload/2/x.png").ToString(), resolver);

        text.Should().Be("upload:2/x.png");
        _ls.Requests.Single().Authorization.Should().Be(ExpectedAuthorization);
    }

    [Test]
    public async Task OpenAsync_CustomAuthenticator_IsUsedInsteadOfApiKey()
    {
        var options = Options(o => o.ApiKey = null);
        using var resolver = new LabelStudioMediaResolver(options, new BearerAuthenticator("abc.def.ghi"), null, new LoopbackOnlyNetwork(), null);

        await ReadAllAsync("/data/upload/1/a.png", resolver);

        _ls.Requests.Single().Authorization.Should().Be("Bearer abc.def.ghi");
    }

    [Test]
    public async Task OpenAsync_RedirectLoop_StopsAfterMaxRedirects()
    {
        using var resolver = Create(Options(o => o.MaxRedirects = 3));

        var act = () => resolver.OpenAsync("/loop");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.RedirectRefused);

        // The first request plus three followed redirects.
        _ls.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task OpenAsync_RedirectToPrivateAddress_IsRefusedWithoutConnecting()
    {
        var network = new LoopbackOnlyNetwork();
        using var resolver = Create(Options(), network);

        var act = () => resolver.OpenAsync("/redirect/private");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        thrown.Which.Reference.Should().Be("http://10.0.0.1/latest/meta-data/");
        network.Refused.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_RedirectToHostResolvingToLinkLocal_IsRefusedAfterDns()
    {
        var network = new LoopbackOnlyNetwork(new() { ["metadata.test"] = [IPAddress.Parse("169.254.169.254")] });
        using var resolver = Create(Options(), network);

        var act = () => resolver.OpenAsync("/redirect/metadata-name");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        thrown.Which.Message.Should().Contain("169.254.169.254").And.Contain("link-local");
        network.Refused.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_RedirectToOtherScheme_IsRefused()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("/redirect/ftp");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.RedirectRefused);
    }

    [Test]
    public async Task OpenAsync_RedirectWithoutLocation_ThrowsHttpError()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("/redirect/no-location");

        (await act.Should().ThrowAsync<MediaHttpException>()).Which.StatusCode.Should().Be(HttpStatusCode.Found);
    }

    [TestCase("/ls/big?n=2000")]
    [TestCase("/ls/big-chunked?n=2000")]
    public async Task OpenAsync_ContentOverByteCap_ThrowsTooLargeAndLeavesNoCacheFile(string path)
    {
        var cache = Path.Combine(_sandbox, "cache");
        using var resolver = Create(Options(o =>
        {
            o.MaxBytes = 1000;
            o.CacheDirectory = cache;
        }));

        var act = () => resolver.OpenAsync(path);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.TooLarge);
        (Directory.Exists(cache) ? Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories) : []).Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_ContentExactlyAtByteCap_IsAccepted()
    {
        using var resolver = Create(Options(o => o.MaxBytes = 1000));

        await using var media = await resolver.OpenAsync("/ls/big-chunked?n=1000");

        media.Length.Should().Be(1000);
    }

    [Test]
    public async Task OpenAsync_ContentOverByteCapWithoutCache_LeavesNoTemporaryFile()
    {
        var before = Directory.EnumerateFiles(Path.GetTempPath(), "labelstudio-media-*.tmp").ToHashSet();
        using var resolver = Create(Options(o => o.MaxBytes = 1000));

        var act = () => resolver.OpenAsync("/ls/big-chunked?n=5000");

        await act.Should().ThrowAsync<MediaException>();
        Directory.EnumerateFiles(Path.GetTempPath(), "labelstudio-media-*.tmp").Where(f => !before.Contains(f)).Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_ServerNeverAnswers_ThrowsTimeoutWhenFakeClockPassesTimeout()
    {
        var time = new FakeTimeProvider();
        using var resolver = Create(Options(o => o.Timeout = TimeSpan.FromSeconds(30)), time: time);

        var open = resolver.OpenAsync("/hang");
        await _hangReached.Task.WaitAsync(TimeSpan.FromMinutes(1));
        open.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(31));

        var act = () => open;
        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.Timeout);
        thrown.Which.Message.Should().Contain("30 s");
    }

    [Test]
    public async Task OpenAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var resolver = Create(Options());
        using var cts = new CancellationTokenSource();

        var open = resolver.OpenAsync("/hang", cancellationToken: cts.Token);
        await _hangReached.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await cts.CancelAsync();

        var act = () => open;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task OpenAsync_CacheEnabled_SecondOpenIsServedFromDiskUnderFullSha256()
    {
        var cache = Path.Combine(_sandbox, "cache");
        using var resolver = Create(Options(o => o.CacheDirectory = cache));

        var first = await ReadAllAsync("/data/upload/1/cached.png", resolver);
        var second = await ReadAllAsync("/data/upload/1/cached.png", resolver);

        first.Should().Be("upload:1/cached.png");
        second.Should().Be(first);
        _ls.Requests.Should().ContainSingle();

        // The key is the SHA-256 (64 hex digits) of the absolute URL fetched, in a folder named by its first two.
        var url = new Uri(_ls.Origin, "/ls/data/upload/1/cached.png").AbsoluteUri;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
        Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Should().Equal(Path.Combine(cache, key[..2], key));
    }

    [Test]
    public async Task OpenAsync_CloudUriCached_IsKeyedByStorageUriAcrossTasks()
    {
        using var resolver = Create(Options(o => o.CacheDirectory = Path.Combine(_sandbox, "cache")));

        var first = await ReadAllAsync("s3://bucket/shared.png", resolver, new MediaContext(TaskId: 1));
        var second = await ReadAllAsync("s3://bucket/shared.png", resolver, new MediaContext(TaskId: 2));

        second.Should().Be(first);
        _ls.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task GetLocalPathAsync_RemoteMediaWithCache_ReturnsCacheEntry()
    {
        var cache = Path.Combine(_sandbox, "cache");
        using var resolver = Create(Options(o => o.CacheDirectory = cache));

        var path = await resolver.GetLocalPathAsync("/data/upload/1/p.png");

        path.Should().StartWith(cache);
        (await File.ReadAllTextAsync(path)).Should().Be("upload:1/p.png");
    }

    [Test]
    public async Task GetLocalPathAsync_RemoteMediaWithoutCache_ThrowsNotConfigured()
    {
        using var resolver = Create(Options());

        var act = () => resolver.GetLocalPathAsync("/data/upload/1/p.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NotConfigured);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task GetImageSizeAsync_PngOverHttp_ReadsHeader()
    {
        using var resolver = Create(Options());

        var info = await resolver.GetImageSizeAsync("/image.png");

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Png, 37, 21));
    }

    [Test]
    public async Task GetImageSizeAsync_HugeRemoteImage_ReadsOnlyTheHeader()
    {
        // The body is 4 MB, the cap 1 MB: reading the whole body would fail with TooLarge.
        using var resolver = Create(Options(o => o.MaxBytes = 1024 * 1024));

        var info = await resolver.GetImageSizeAsync("/huge.png");

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Png, 37, 21));
    }

    [Test]
    public async Task GetImageSizeAsync_CachedEntry_IsReadFromDiskWithoutRequest()
    {
        using var resolver = Create(Options(o => o.CacheDirectory = Path.Combine(_sandbox, "cache")));
        await using (await resolver.OpenAsync("/image.png"))
        {
        }

        _ls.Requests.Clear();
        var info = await resolver.GetImageSizeAsync("/image.png");

        info.Should().Be(new ImageHeaderInfo(ImageFormat.Png, 37, 21));
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task GetImageSizeAsync_NotAnImage_ThrowsInvalidImageNamingReference()
    {
        using var resolver = Create(Options());

        var act = () => resolver.GetImageSizeAsync("/data/upload/1/a.png?token=abc");

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.InvalidImage);
        thrown.Which.Reference.Should().Be("/data/upload/1/a.png?token=***");
    }

    [Test]
    public async Task OpenAsync_ConcurrentOpensOfOneUncachedUrl_AllSucceedAndLeaveOneEntry()
    {
        var cache = Path.Combine(_sandbox, "cache");
        using var resolver = Create(Options(o => o.CacheDirectory = cache));

        var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ReadAllAsync("/data/upload/1/busy.png", resolver)));

        texts.Should().AllBe("upload:1/busy.png");
        Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Should().ContainSingle();
    }

    [Test]
    public async Task OpenAsync_TimeoutWithCache_LeavesNoFile()
    {
        var cache = Path.Combine(_sandbox, "cache");
        var time = new FakeTimeProvider();
        using var resolver = Create(Options(o => o.CacheDirectory = cache), time: time);

        var open = resolver.OpenAsync("/hang");
        await _hangReached.Task.WaitAsync(TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromSeconds(101));

        var act = () => open;
        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.Timeout);
        Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_NotFound_ThrowsMediaHttpException404()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("/missing");

        var thrown = await act.Should().ThrowAsync<MediaHttpException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.NotFound);
        thrown.Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task OpenAsync_Unauthorized_ExplainsThatCredentialsWereRefused()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync("/denied");

        var thrown = await act.Should().ThrowAsync<MediaHttpException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.AccessDenied);
        thrown.Which.Message.Should().Contain("refused the credentials");
        thrown.Which.Message.Should().NotContain(Key);
    }

    [Test]
    public async Task OpenAsync_UnauthorizedWithoutKey_ExplainsThatNoCredentialsWereSent()
    {
        using var resolver = Create(Options(o => o.ApiKey = null));

        var act = () => resolver.OpenAsync("/denied");

        (await act.Should().ThrowAsync<MediaHttpException>()).Which.Message.Should().Contain("No credentials were sent");
    }

    [Test]
    public async Task OpenAsync_OtherStatus_ThrowsHttpErrorWithRedactedUrl()
    {
        using var resolver = Create(Options());

        var act = () => resolver.OpenAsync(new Uri(_ls.Origin, "/ls/teapot?X-Amz-Signature=topsecret").ToString());

        var thrown = await act.Should().ThrowAsync<MediaHttpException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.HttpError);
        thrown.Which.StatusCode.Should().Be((HttpStatusCode)418);
        thrown.Which.Message.Should().NotContain("topsecret").And.Contain("X-Amz-Signature=***");
    }

    [Test]
    public async Task OpenAsync_PlainHttpDisallowed_ThrowsUnsupportedWithoutRequest()
    {
        using var resolver = Create(Options(o => o.AllowPlainHttp = false));

        var act = () => resolver.OpenAsync("/data/upload/1/a.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.Unsupported);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_LoopbackNotAllowListed_IsRefusedWithoutRequest()
    {
        using var resolver = Create(new LabelStudioMediaResolverOptions());

        var act = () => resolver.OpenAsync(new Uri(_cdn.Origin, "/cdn.txt").ToString());

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        thrown.Which.Message.Should().Contain("loopback");
        _cdn.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_LabelStudioHostNotTrusted_IsRefusedWithoutRequest()
    {
        using var resolver = Create(new LabelStudioMediaResolverOptions { LabelStudioUrl = LsBase, AllowLabelStudioHost = false });

        var act = () => resolver.OpenAsync("/data/upload/1/a.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        _ls.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_LabelStudioHostTrustedButOtherPort_IsRefused()
    {
        // Trust covers the Label Studio host and port only, not other services on the same loopback address.
        using var resolver = Create(new LabelStudioMediaResolverOptions { LabelStudioUrl = LsBase });

        var act = () => resolver.OpenAsync(new Uri(_cdn.Origin, "/cdn.txt").ToString());

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        _cdn.Requests.Should().BeEmpty();
    }

    [Test]
    public void Constructor_InvalidAllowedNetwork_ThrowsNamingIt()
    {
        var options = new LabelStudioMediaResolverOptions();
        options.AllowedNetworks.Add("10.0.0.0/33");

        var act = () => new LabelStudioMediaResolver(options);

        act.Should().Throw<ArgumentException>().WithMessage("*10.0.0.0/33*");
    }

    [Test]
    public void Constructor_RelativeLabelStudioUrl_Throws()
    {
        var act = () => new LabelStudioMediaResolver(new LabelStudioMediaResolverOptions { LabelStudioUrl = new Uri("/ls/", UriKind.Relative) });

        act.Should().Throw<ArgumentException>();
    }

    private sealed class BearerAuthenticator(string token) : IMediaRequestAuthenticator
    {
        public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return ValueTask.CompletedTask;
        }
    }
}
