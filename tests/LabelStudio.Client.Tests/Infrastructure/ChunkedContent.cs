using System.Net;
using System.Text;

namespace LabelStudio.Client.Tests.Infrastructure;

/// <summary>A JSON body delivered a few bytes per read, so streaming readers meet every token split across reads.</summary>
internal sealed class ChunkedContent(byte[] body, int chunk) : HttpContent
{
    public static HttpResponseMessage Response(string json, int chunk) =>
        new(HttpStatusCode.OK) { Content = new ChunkedContent(Encoding.UTF8.GetBytes(json), chunk) { Headers = { { "Content-Type", "application/json" } } } };

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new Trickle(body, chunk));

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }

    private sealed class Trickle(byte[] body, int chunk) : MemoryStream(body, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
