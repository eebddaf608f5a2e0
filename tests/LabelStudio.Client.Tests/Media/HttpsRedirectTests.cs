using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.Client.Tests.Media;

public class HttpsRedirectTests
{
    private MediaTestServer _https = null!;
    private MediaTestServer _http = null!;
    private X509Certificate2 _certificate = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _certificate = SelfSignedLoopbackCertificate();
        _http = await MediaTestServer.StartAsync((app, _) => app.MapGet("/plain.txt", () => "plain"));
        _https = await MediaTestServer.StartAsync(
            (app, _) =>
            {
                app.MapGet("/secure.txt", () => "secure");
                app.MapGet("/downgrade", () => Results.Redirect(new Uri(_http.Origin, "/plain.txt").ToString()));
            },
            _certificate);
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _https.DisposeAsync();
        await _http.DisposeAsync();
        _certificate.Dispose();
    }

    private LabelStudioMediaResolver Create(HttpClient client)
    {
        var options = new LabelStudioMediaResolverOptions { LabelStudioUrl = _https.Origin, ApiKey = "k" };
        options.AllowedNetworks.Add("127.0.0.1");
        return new LabelStudioMediaResolver(options, null, null, new LoopbackOnlyNetwork(), () => client);
    }

    private HttpClient TrustingClient()
    {
        var options = new LabelStudioMediaResolverOptions();
        options.AllowedNetworks.Add("127.0.0.1");
        var handler = LabelStudioMediaResolver.CreateHandler(options, new LoopbackOnlyNetwork());

        // The test certificate is self-signed; only this test's client trusts it, by thumbprint.
        var thumbprint = _certificate.GetCertHashString();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == thumbprint;
        return new HttpClient(handler);
    }

    [Test]
    public async Task OpenAsync_Https_FetchesWithCredentials()
    {
        using var client = TrustingClient();
        using var resolver = Create(client);

        await using var media = await resolver.OpenAsync("/secure.txt");

        (await new StreamReader(media.Content).ReadToEndAsync()).Should().Be("secure");
        _https.Requests.Last().Authorization.Should().Be("Token k");
    }

    [Test]
    public async Task OpenAsync_RedirectFromHttpsToHttp_IsRefusedBeforeTheHttpRequest()
    {
        using var client = TrustingClient();
        using var resolver = Create(client);
        _http.Requests.Clear();

        var act = () => resolver.OpenAsync("/downgrade");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.RedirectRefused);
        _http.Requests.Should().BeEmpty();
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
