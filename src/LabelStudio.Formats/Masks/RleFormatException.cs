namespace LabelStudio.Formats.Masks;

/// <summary>
/// A run-length encoded mask (Label Studio brush RLE or a COCO RLE counts string) is malformed.
/// The message and <see cref="Position"/> say where.
/// </summary>
public sealed class RleFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public RleFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public RleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the place of the problem.</summary>
    /// <param name="message">What is wrong, naming the place.</param>
    /// <param name="position">Byte index (brush RLE) or character index (COCO counts string), 0-based.</param>
    /// <param name="bitOffset">For brush RLE, the bit offset in the stream, 0-based; otherwise null.</param>
    public RleFormatException(string message, long position, long? bitOffset)
        : base(message)
    {
        Position = position;
        BitOffset = bitOffset;
    }

    /// <summary>Byte index (brush RLE, or index in the value list) or character index (COCO counts string), 0-based; -1 when unknown.</summary>
    public long Position { get; } = -1;

    /// <summary>For brush RLE, the bit offset in the stream where the problem starts (0-based); null otherwise.</summary>
    public long? BitOffset { get; }
}
