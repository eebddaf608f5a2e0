using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LabelStudio.Client.Media;

namespace LabelStudio.Client.Tests.Media;

/// <summary>
/// Fake DNS plus a connector that records instead of connecting: whatever the guard lets through, nothing leaves
/// this process.
/// </summary>
internal sealed class RecordingNetwork(Dictionary<string, IPAddress[]> dns) : IMediaNetwork
{
    public ConcurrentQueue<IPEndPoint> Connections { get; } = new();

    public ConcurrentQueue<string> Lookups { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        return dns.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }

    public ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        Connections.Enqueue(endPoint);
        return ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
    }
}

/// <summary>
/// Resolves test host names to loopback and connects only to loopback addresses; any other address is recorded
/// and refused, so even a broken guard cannot send a packet elsewhere.
/// </summary>
internal sealed class LoopbackOnlyNetwork(Dictionary<string, IPAddress[]>? dns = null) : IMediaNetwork
{
    public ConcurrentQueue<IPEndPoint> Refused { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        dns is not null && dns.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            Refused.Enqueue(endPoint);
            return ValueTask.FromException<Stream>(new SocketException((int)SocketError.ConnectionRefused));
        }

        return SystemMediaNetwork.Instance.ConnectAsync(endPoint, cancellationToken);
    }
}
