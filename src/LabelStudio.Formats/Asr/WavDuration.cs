using System.Buffers.Binary;

namespace LabelStudio.Formats.Asr;

/// <summary>The duration of a RIFF/WAVE file from its <c>fmt </c> and <c>data</c> chunks (frames / sample rate).</summary>
internal static class WavDuration
{
    public static async Task<double?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[12];
        if (!await ReadExactAsync(stream, header, cancellationToken).ConfigureAwait(false)
            || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int? blockAlign = null;
        int? rate = null;
        var chunk = new byte[8];
        while (await ReadExactAsync(stream, chunk, cancellationToken).ConfigureAwait(false))
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > 1024)
                {
                    return null;
                }

                var fmt = new byte[size + (size & 1)];
                if (!await ReadExactAsync(stream, fmt, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(12));
            }
            else if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                if (blockAlign is not > 0 || rate is not > 0)
                {
                    return null;
                }

                // Python's wave module: nframes = data size // block align; duration = nframes / rate.
                return (double)(size / (uint)blockAlign.Value) / rate.Value;
            }
            else
            {
                var skip = size + (size & 1);
                var sink = new byte[Math.Min(skip, 64 * 1024)];
                while (skip > 0)
                {
                    var read = await stream.ReadAsync(sink.AsMemory(0, (int)Math.Min(skip, (uint)sink.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return null;
                    }

                    skip -= (uint)read;
                }
            }
        }

        return null;
    }

    private static async Task<bool> ReadExactAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
