using System.Net;

namespace LabelStudio.Client.Media;

/// <summary>
/// Name resolution and TCP connection, the two steps the SSRF guard sits between. Tests replace it with a fake DNS
/// and a connector that records instead of connecting, so a broken guard still sends nothing.
/// </summary>
internal interface IMediaNetwork
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);

    ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken);
}
