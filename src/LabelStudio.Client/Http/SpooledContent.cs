using System.Net;
using System.Net.Http.Headers;

namespace LabelStudio.Client.Http;

/// <summary>
/// A request body written once by a serializer and sent with a Content-Length: kept in memory up to a threshold, then in a
/// temporary file deleted on dispose. A known length matters: Label Studio's own development server (Django runserver)
/// does not read chunked request bodies, so an import streamed with Transfer-Encoding: chunked would arrive empty.
/// </summary>
internal sealed class SpooledContent : HttpContent
{
    private const int MemoryThreshold = 16 * 1024 * 1024;

    private readonly SpoolStream _spool = new();

    public SpooledContent(string mediaType)
    {
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>Where the serializer writes the body.</summary>
    public Stream Writer => _spool;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = _spool.Inner;
        source.Position = 0;
        await source.CopyToAsync(stream, 81920, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = _spool.Inner.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _spool.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A write-only stream that moves from memory to a temporary file when it grows past the threshold.</summary>
    private sealed class SpoolStream : Stream
    {
        public Stream Inner { get; private set; } = new MemoryStream();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Inner.Length;

        public override long Position
        {
            get => Inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => Inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => Inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            SpillIfNeeded(buffer.Length);
            Inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            SpillIfNeeded(buffer.Length);
            await Inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void SpillIfNeeded(int incoming)
        {
            if (Inner is MemoryStream memory && memory.Length + incoming > MemoryThreshold)
            {
                var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "labelstudio-import-" + Guid.NewGuid().ToString("N") + ".json");
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                memory.Position = 0;
                memory.CopyTo(file);
                memory.Dispose();
                Inner = file;
            }
        }
    }
}
