using System.Net;
using System.Net.Sockets;

namespace LabelStudio.Client.Media;

/// <summary>
/// Classifies IP addresses by the IANA special-purpose registries (RFC 6890 and successors). Addresses that embed an
/// IPv4 address (IPv4-mapped, NAT64 64:ff9b::/96, 6to4 2002::/16) are classified by the embedded address, so
/// <c>::ffff:127.0.0.1</c> is loopback.
/// </summary>
internal static class AddressClassifier
{
    private static readonly (IPNetwork Network, AddressCategory Category)[] V4 =
    [
        (IPNetwork.Parse("255.255.255.255/32"), AddressCategory.Broadcast),
        (IPNetwork.Parse("0.0.0.0/8"), AddressCategory.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressCategory.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressCategory.CarrierGradeNat),
        (IPNetwork.Parse("127.0.0.0/8"), AddressCategory.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressCategory.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressCategory.ProtocolAssignments),
        (IPNetwork.Parse("192.0.2.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("192.88.99.0/24"), AddressCategory.Reserved),
        (IPNetwork.Parse("192.168.0.0/16"), AddressCategory.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressCategory.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), AddressCategory.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressCategory.Reserved),
    ];

    private static readonly (IPNetwork Network, AddressCategory Category)[] V6 =
    [
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressCategory.Private),
        (IPNetwork.Parse("fc00::/7"), AddressCategory.UniqueLocal),
        (IPNetwork.Parse("fe80::/10"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressCategory.SiteLocal),
        (IPNetwork.Parse("ff00::/8"), AddressCategory.Multicast),
        (IPNetwork.Parse("2001:db8::/32"), AddressCategory.Documentation),
        (IPNetwork.Parse("3fff::/20"), AddressCategory.Documentation),

        // IETF protocol assignments, Teredo (2001::/32, whose client address is obfuscated) included.
        (IPNetwork.Parse("2001::/23"), AddressCategory.ProtocolAssignments),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyV4(address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressCategory.Reserved;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4());
        }

        if (address.Equals(IPAddress.IPv6None))
        {
            return AddressCategory.Unspecified;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressCategory.Loopback;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (Nat64.Contains(address))
        {
            return ClassifyV4(new IPAddress(bytes[12..]));
        }

        if (SixToFour.Contains(address))
        {
            return ClassifyV4(new IPAddress(bytes[2..6]));
        }

        foreach (var (network, category) in V6)
        {
            if (network.Contains(address))
            {
                return category;
            }
        }

        // Outside 2000::/3 nothing is global unicast (::/96 IPv4-compatible, 100::/64 discard, ...).
        return GlobalUnicast.Contains(address) ? AddressCategory.Public : AddressCategory.Reserved;
    }

    /// <summary>Returns the IPv4 address an IPv4-mapped IPv6 address stands for, else the address itself.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static AddressCategory ClassifyV4(IPAddress address)
    {
        foreach (var (network, category) in V4)
        {
            if (network.Contains(address))
            {
                return category;
            }
        }

        return AddressCategory.Public;
    }
}
