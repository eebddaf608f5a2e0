namespace LabelStudio.Formats.Tests.Serialization;

/// <summary>
/// A read-only stream that returns at most <c>chunk</c> bytes per read, like a slow network; it counts what was read
/// and whether a read is running, and can fail like a dropped connection.
/// </summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int _position;
    private int _inProgress;

    public long BytesRead => Volatile.Read(ref _position);

    public int ReadsInProgress => Volatile.Read(ref _inProgress);

    /// <summary>The managed thread id of every read, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> ReadThreads { get; } = new();

    /// <summary>Reads starting at or past this offset throw an <see cref="IOException"/>.</summary>
    public int FailAfterBytes { get; init; } = int.MaxValue;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Interlocked.Increment(ref _inProgress);
        ReadThreads.Enqueue(Environment.CurrentManagedThreadId);
        try
        {
            if (_position >= FailAfterBytes)
            {
                throw new IOException("connection reset by peer");
            }

            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            Volatile.Write(ref _position, _position + n);
            return n;
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
