using System.Net;
using LabelStudio.Client.Media;
using LabelStudio.Formats.Media;

namespace LabelStudio.Client.Tests.Media;

/// <summary>
/// SSRF refusals through the real HTTP handler with a fake DNS and a connector that only records: no test here can
/// send a packet anywhere, even if the guard were broken.
/// </summary>
public class NetworkGuardTests
{
    private static readonly Dictionary<string, IPAddress[]> Dns = new()
    {
        ["internal.test"] = [IPAddress.Parse("10.0.0.5")],
        ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
        ["mapped.test"] = [IPAddress.Parse("::ffff:127.0.0.1")],
        ["mapped-private.test"] = [IPAddress.Parse("::ffff:192.168.0.10")],
        ["ula.test"] = [IPAddress.Parse("fd00::1")],
        ["linklocal6.test"] = [IPAddress.Parse("fe80::1")],
        ["cgnat.test"] = [IPAddress.Parse("100.64.1.1")],
        ["zero.test"] = [IPAddress.Parse("0.0.0.0")],
        ["any6.test"] = [IPAddress.Parse("::")],
        ["nat64-loopback.test"] = [IPAddress.Parse("64:ff9b::7f00:1")],
        ["mixed.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.1")],
        ["public.test"] = [IPAddress.Parse("93.184.216.34")],
        ["public6.test"] = [IPAddress.Parse("2606:2800:220:1:248:1893:25c8:1946")],
        ["minio.corp.test"] = [IPAddress.Parse("10.1.1.1")],
        ["empty.test"] = [],
    };

    private static (LabelStudioMediaResolver Resolver, RecordingNetwork Network) Create(Action<LabelStudioMediaResolverOptions>? configure = null)
    {
        var options = new LabelStudioMediaResolverOptions();
        configure?.Invoke(options);
        var network = new RecordingNetwork(Dns);
        return (new LabelStudioMediaResolver(options, null, null, network, null), network);
    }

    [TestCase("http://internal.test/a.png", "10.0.0.5")]
    [TestCase("http://metadata.test/latest/meta-data/", "169.254.169.254")]
    [TestCase("http://mapped.test/a.png", "127.0.0.1")]
    [TestCase("http://mapped-private.test/a.png", "192.168.0.10")]
    [TestCase("http://ula.test/a.png", "fd00::1")]
    [TestCase("http://linklocal6.test/a.png", "fe80::1")]
    [TestCase("http://cgnat.test/a.png", "100.64.1.1")]
    [TestCase("http://zero.test/a.png", "0.0.0.0")]
    [TestCase("http://any6.test/a.png", "::")]
    [TestCase("http://nat64-loopback.test/a.png", "64:ff9b::7f00:1")]
    [TestCase("http://mixed.test/a.png", "10.0.0.1")]
    [TestCase("http://10.0.0.1/a.png", "10.0.0.1")]
    [TestCase("http://127.0.0.1:9/a.png", "127.0.0.1")]
    [TestCase("http://127.1/a.png", "127.0.0.1")]
    [TestCase("http://2130706433/a.png", "127.0.0.1")]
    [TestCase("http://0x7f000001/a.png", "127.0.0.1")]
    [TestCase("http://0/a.png", "0.0.0.0")]
    [TestCase("http://[::1]/a.png", "::1")]
    [TestCase("http://[::ffff:169.254.169.254]/a.png", "169.254.169.254")]
    [TestCase("http://[fe80::1]/a.png", "fe80::1")]
    [TestCase("https://[fc00::1]/a.png", "fc00::1")]
    [TestCase("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [TestCase("http://224.0.0.1/a.png", "224.0.0.1")]
    [TestCase("http://255.255.255.255/a.png", "255.255.255.255")]
    public async Task OpenAsync_NonPublicTarget_IsRefusedAndNothingIsConnected(string url, string address)
    {
        var (resolver, network) = Create();
        using var _ = resolver;

        var act = () => resolver.OpenAsync(url);

        var thrown = await act.Should().ThrowAsync<MediaException>();
        thrown.Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        thrown.Which.Message.Should().Contain(IPAddress.Parse(address).ToString());
        network.Connections.Should().BeEmpty();
    }

    [TestCase("http://public.test/a.png", "93.184.216.34", 80)]
    [TestCase("https://public.test:8443/a.png", "93.184.216.34", 8443)]
    [TestCase("http://public6.test/a.png", "2606:2800:220:1:248:1893:25c8:1946", 80)]
    public async Task OpenAsync_PublicTarget_ConnectsToTheVettedAddress(string url, string address, int port)
    {
        var (resolver, network) = Create();
        using var _ = resolver;

        var act = () => resolver.OpenAsync(url);

        // The recording connector refuses, so the fetch fails as a network error after the attempt was recorded.
        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NetworkError);
        network.Connections.Should().Equal(new IPEndPoint(IPAddress.Parse(address), port));
    }

    [Test]
    public async Task OpenAsync_AllowedNetwork_LetsPrivateAddressThrough()
    {
        var (resolver, network) = Create(o => o.AllowedNetworks.Add("10.0.0.0/8"));
        using var _ = resolver;

        var act = () => resolver.OpenAsync("http://internal.test/a.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NetworkError);
        network.Connections.Should().Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 80));
    }

    [Test]
    public async Task OpenAsync_AllowedNetworkSingleAddress_DoesNotCoverNeighbours()
    {
        var (resolver, network) = Create(o => o.AllowedNetworks.Add("10.0.0.4"));
        using var _ = resolver;

        var act = () => resolver.OpenAsync("http://internal.test/a.png");

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        network.Connections.Should().BeEmpty();
    }

    [Test]
    public async Task OpenAsync_AllowedHostWildcard_LetsSubdomainThroughButNotOthers()
    {
        var (resolver, network) = Create(o => o.AllowedHosts.Add("*.corp.test"));
        using var _ = resolver;

        var allowed = () => resolver.OpenAsync("http://minio.corp.test:9000/bucket/a.png");
        var other = () => resolver.OpenAsync("http://internal.test/a.png");

        (await allowed.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NetworkError);
        (await other.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        network.Connections.Should().Equal(new IPEndPoint(IPAddress.Parse("10.1.1.1"), 9000));
    }

    [Test]
    public async Task OpenAsync_LabelStudioHostOnPrivateAddress_IsTrustedOnlyForItsPort()
    {
        var (resolver, network) = Create(o => o.LabelStudioUrl = new Uri("http://internal.test:8080/"));
        using var _ = resolver;

        var labelStudio = () => resolver.OpenAsync("/data/upload/1/a.png");
        var otherPort = () => resolver.OpenAsync("http://internal.test:6379/");

        (await labelStudio.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NetworkError);
        (await otherPort.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.BlockedAddress);
        network.Connections.Should().Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 8080));
    }

    [TestCase("http://unknown.test/a.png")]
    [TestCase("http://empty.test/a.png")]
    public async Task OpenAsync_UnresolvableHost_ThrowsNetworkErrorWithoutConnecting(string url)
    {
        var (resolver, network) = Create();
        using var _ = resolver;

        var act = () => resolver.OpenAsync(url);

        (await act.Should().ThrowAsync<MediaException>()).Which.Reason.Should().Be(MediaErrorReason.NetworkError);
        network.Connections.Should().BeEmpty();
    }

    [Test]
    public void ParseNetwork_Ipv4MappedSingleAddress_IsStoredAsIpv4()
    {
        var network = NetworkGuard.ParseNetwork("::ffff:10.0.0.4");

        network.Should().Be(new IPNetwork(IPAddress.Parse("10.0.0.4"), 32));
    }
}
