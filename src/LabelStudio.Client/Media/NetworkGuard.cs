using System.Net;
using System.Net.Sockets;
using LabelStudio.Formats.Media;

namespace LabelStudio.Client.Media;

/// <summary>
/// The SSRF guard: resolves the host itself, refuses the connection when any resolved address is not public (unless
/// the host or the address is allow-listed), and connects to a vetted address, so DNS cannot change between the
/// check and the connection. It runs for every new connection, redirects included.
/// </summary>
internal sealed class NetworkGuard
{
    private readonly IMediaNetwork _network;
    private readonly IPNetwork[] _allowedNetworks;
    private readonly string[] _allowedHosts;
    private readonly string? _labelStudioHost;
    private readonly int _labelStudioPort;

    public NetworkGuard(LabelStudioMediaResolverOptions options, IMediaNetwork network)
    {
        _network = network;
        _allowedNetworks = [.. options.AllowedNetworks.Select(ParseNetwork)];
        _allowedHosts = [.. options.AllowedHosts.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0)];
        if (options.AllowLabelStudioHost && options.LabelStudioUrl is { IsAbsoluteUri: true } url)
        {
            _labelStudioHost = url.IdnHost.ToLowerInvariant();
            _labelStudioPort = url.Port;
        }
    }

    public static IPNetwork ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (IPNetwork.TryParse(trimmed, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(trimmed, out var single))
        {
            single = AddressClassifier.Normalize(single);
            return new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        throw new ArgumentException($"'{text}' in AllowedNetworks is neither a CIDR network (such as 10.1.0.0/16) nor an IP address.", nameof(text));
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var endPoints = await VetAsync(host, port, cancellationToken).ConfigureAwait(false);

        Exception? last = null;
        foreach (var endPoint in endPoints)
        {
            try
            {
                return await _network.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                last = ex;
            }
        }

        throw new MediaGuardException(MediaErrorReason.NetworkError, $"Could not connect to {host} port {port}: {last?.Message}", last);
    }

    /// <summary>Resolves <paramref name="host"/> and returns the endpoints to try, or throws when any address is refused.</summary>
    public async Task<IPEndPoint[]> VetAsync(string host, int port, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _network.ResolveAsync(bare, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new MediaGuardException(MediaErrorReason.NetworkError, $"The host name {bare} could not be resolved: {ex.Message}", ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw new MediaGuardException(MediaErrorReason.NetworkError, $"The host name {bare} has no address.");
        }

        var trustedHost = IsTrustedHost(bare, port);
        var endPoints = new IPEndPoint[addresses.Length];
        for (var i = 0; i < addresses.Length; i++)
        {
            var address = AddressClassifier.Normalize(addresses[i]);
            if (!trustedHost && !IsAllowedAddress(address, out var category))
            {
                throw new MediaGuardException(
                    MediaErrorReason.BlockedAddress,
                    $"{bare} resolves to {address}, a {Describe(category)} address; such addresses are refused to prevent server-side request forgery. Allow it with AllowedHosts or AllowedNetworks if it is trusted.");
            }

            endPoints[i] = new IPEndPoint(address, port);
        }

        return endPoints;
    }

    public bool IsAllowedAddress(IPAddress address, out AddressCategory category)
    {
        address = AddressClassifier.Normalize(address);
        category = AddressClassifier.Classify(address);
        if (category == AddressCategory.Public)
        {
            return true;
        }

        foreach (var network in _allowedNetworks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTrustedHost(string host, int port)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        if (_labelStudioHost is not null && name == _labelStudioHost && port == _labelStudioPort)
        {
            return true;
        }

        foreach (var allowed in _allowedHosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(allowed[1..], StringComparison.Ordinal) && name.Length > allowed.Length - 1
                : name == allowed)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Unspecified => "unspecified (0.0.0.0/8 or ::)",
        AddressCategory.Loopback => "loopback",
        AddressCategory.Private => "private",
        AddressCategory.CarrierGradeNat => "shared (carrier-grade NAT, 100.64.0.0/10)",
        AddressCategory.LinkLocal => "link-local (cloud metadata lives here)",
        AddressCategory.UniqueLocal => "unique-local (fc00::/7)",
        AddressCategory.SiteLocal => "site-local (fec0::/10)",
        AddressCategory.Multicast => "multicast",
        AddressCategory.Broadcast => "broadcast",
        AddressCategory.Documentation => "documentation",
        AddressCategory.Benchmarking => "benchmarking (198.18.0.0/15)",
        AddressCategory.ProtocolAssignments => "protocol-assignment",
        _ => "reserved",
    };
}
