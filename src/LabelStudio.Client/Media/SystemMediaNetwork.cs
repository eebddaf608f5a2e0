using System.Net;
using System.Net.Sockets;

namespace LabelStudio.Client.Media;

/// <summary>The operating system's resolver and TCP sockets.</summary>
internal sealed class SystemMediaNetwork : IMediaNetwork
{
    public static SystemMediaNetwork Instance { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    public async ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
