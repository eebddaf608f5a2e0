using System.Net;
using LabelStudio.Client.Media;

namespace LabelStudio.Client.Tests.Media;

public class AddressClassifierTests
{
    // Expected categories from the IANA IPv4/IPv6 special-purpose address registries (RFC 6890, 6598, 4193, 4291,
    // 6052, 3056, 4380, 3849, 9637).
    [TestCase("0.0.0.0", "Unspecified")]
    [TestCase("0.1.2.3", "Unspecified")]
    [TestCase("10.0.0.1", "Private")]
    [TestCase("10.255.255.255", "Private")]
    [TestCase("100.63.255.255", "Public")]
    [TestCase("100.64.0.0", "CarrierGradeNat")]
    [TestCase("100.127.255.255", "CarrierGradeNat")]
    [TestCase("100.128.0.0", "Public")]
    [TestCase("127.0.0.1", "Loopback")]
    [TestCase("127.255.255.254", "Loopback")]
    [TestCase("169.254.169.254", "LinkLocal")]
    [TestCase("169.253.255.255", "Public")]
    [TestCase("172.15.255.255", "Public")]
    [TestCase("172.16.0.1", "Private")]
    [TestCase("172.31.255.255", "Private")]
    [TestCase("172.32.0.0", "Public")]
    [TestCase("192.0.0.8", "ProtocolAssignments")]
    [TestCase("192.0.2.1", "Documentation")]
    [TestCase("192.88.99.1", "Reserved")]
    [TestCase("192.168.1.1", "Private")]
    [TestCase("192.169.0.1", "Public")]
    [TestCase("198.18.0.1", "Benchmarking")]
    [TestCase("198.19.255.255", "Benchmarking")]
    [TestCase("198.20.0.0", "Public")]
    [TestCase("198.51.100.7", "Documentation")]
    [TestCase("203.0.113.9", "Documentation")]
    [TestCase("224.0.0.1", "Multicast")]
    [TestCase("239.255.255.250", "Multicast")]
    [TestCase("240.0.0.1", "Reserved")]
    [TestCase("255.255.255.255", "Broadcast")]
    [TestCase("8.8.8.8", "Public")]
    [TestCase("93.184.216.34", "Public")]
    [TestCase("::", "Unspecified")]
    [TestCase("::1", "Loopback")]
    [TestCase("::ffff:127.0.0.1", "Loopback")]
    [TestCase("::ffff:10.1.2.3", "Private")]
    [TestCase("::ffff:169.254.169.254", "LinkLocal")]
    [TestCase("::ffff:0.0.0.0", "Unspecified")]
    [TestCase("::ffff:8.8.8.8", "Public")]
    [TestCase("::127.0.0.1", "Reserved")]
    [TestCase("::2", "Reserved")]
    [TestCase("64:ff9b::7f00:1", "Loopback")]
    [TestCase("64:ff9b::a9fe:a9fe", "LinkLocal")]
    [TestCase("64:ff9b::808:808", "Public")]
    [TestCase("64:ff9b:1::1", "Private")]
    [TestCase("100::1", "Reserved")]
    [TestCase("2001::1", "ProtocolAssignments")]
    [TestCase("2001:db8::1", "Documentation")]
    [TestCase("3fff::1", "Documentation")]
    [TestCase("2002:7f00:1::1", "Loopback")]
    [TestCase("2002:c0a8:101::1", "Private")]
    [TestCase("2002:808:808::1", "Public")]
    [TestCase("fc00::1", "UniqueLocal")]
    [TestCase("fd12:3456::1", "UniqueLocal")]
    [TestCase("fbff:ffff::1", "Reserved")]
    [TestCase("fe80::1", "LinkLocal")]
    [TestCase("febf:ffff::1", "LinkLocal")]
    [TestCase("fec0::1", "SiteLocal")]
    [TestCase("ff02::1", "Multicast")]
    [TestCase("2606:4700:4700::1111", "Public")]
    [TestCase("2a00:1450:4001::1", "Public")]
    public void Classify_Address_ReturnsRegistryCategory(string address, string expected)
    {
        AddressClassifier.Classify(IPAddress.Parse(address)).Should().Be(Enum.Parse<AddressCategory>(expected));
    }

    [Test]
    public void Classify_ScopedLinkLocal_IsLinkLocal()
    {
        var address = IPAddress.Parse("fe80::1%2");

        AddressClassifier.Classify(address).Should().Be(AddressCategory.LinkLocal);
    }
}
