namespace LabelStudio.Client.Media;

/// <summary>What kind of address an IP address is; everything but <see cref="Public"/> is refused unless allow-listed.</summary>
internal enum AddressCategory
{
    Public,
    Unspecified,
    Loopback,
    Private,
    CarrierGradeNat,
    LinkLocal,
    UniqueLocal,
    SiteLocal,
    Multicast,
    Broadcast,
    Documentation,
    Benchmarking,
    ProtocolAssignments,
    Reserved,
}
