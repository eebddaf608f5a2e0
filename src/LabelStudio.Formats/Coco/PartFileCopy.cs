using LabelStudio.Formats.Conversion;
using Microsoft.Win32.SafeHandles;

namespace LabelStudio.Formats.Coco;

/// <summary>
/// Copies a finished part file into the result. result.json holds the images before the annotations and both are
/// only complete at the end of the single pass, so the images (and, where the file system cannot open a gap in front
/// of the annotations, the annotations too: 425 MB for 100k tasks) are copied after the fact. On Linux the kernel
/// copies the bytes (<c>copy_file_range</c>: no trip through user memory, half the memory traffic; a block-sharing
/// copy where the file system has one); anywhere else, or when the call is refused (other file system, old kernel,
/// seccomp), the rest goes through a buffer.
/// </summary>
internal static class PartFileCopy
{
    // Chunks between cancellation checks: a few tens of milliseconds of copying.
    private const long Chunk = 32L << 20;

    /// <summary>Appends the whole of <paramref name="partPath"/> at <paramref name="destination"/>'s position.</summary>
    /// <param name="partPath">The part file.</param>
    /// <param name="destination">The result, opened for writing with no buffer of its own.</param>
    /// <param name="kernelCopy">False to take the stream copy (tests check that both give the same bytes).</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    public static async Task AppendAsync(string partPath, FileStream destination, bool kernelCopy, CancellationToken cancellationToken)
    {
        var copied = await CopyAsync(partPath, destination.SafeFileHandle, destination.Position, kernelCopy, cancellationToken).ConfigureAwait(false);
        destination.Position += copied;
    }

    /// <summary>Writes the whole of <paramref name="partPath"/> into <paramref name="destination"/> at <paramref name="offset"/>.</summary>
    /// <param name="partPath">The part file.</param>
    /// <param name="destination">The result, opened for writing.</param>
    /// <param name="offset">Where the part's first byte goes.</param>
    /// <param name="kernelCopy">False to take the stream copy (tests check that both give the same bytes).</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The part's length: the bytes written.</returns>
    public static async Task<long> CopyAsync(string partPath, SafeFileHandle destination, long offset, bool kernelCopy, CancellationToken cancellationToken)
    {
        await using var part = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = part.Length;
        long copied = 0;
        if (kernelCopy && OperatingSystem.IsLinux())
        {
            copied = KernelCopy(part.SafeFileHandle, destination, offset, length, cancellationToken);
        }

        if (copied < length)
        {
            var buffer = new byte[(int)Math.Min(1 << 20, length - copied)];
            while (copied < length)
            {
                var read = await RandomAccess.ReadAsync(part.SafeFileHandle, buffer, copied, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The part file '{Path.GetFileName(partPath)}' ended at byte {copied} of {length}.");
                }

                await RandomAccess.WriteAsync(destination, buffer.AsMemory(0, read), offset + copied, cancellationToken).ConfigureAwait(false);
                copied += read;
            }
        }

        return length;
    }

    // Copies what the kernel agrees to copy; returns the number of bytes copied (less than length when it refused).
    private static long KernelCopy(SafeFileHandle source, SafeFileHandle destination, long destinationOffset, long length, CancellationToken cancellationToken) =>
        LibC.OnDescriptor(source, input => LibC.OnDescriptor(destination, output =>
        {
            long inputOffset = 0;
            var outputOffset = destinationOffset;
            while (inputOffset < length)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // 0: the source ended early (it did not: it is ours and finished); -1: refused (EXDEV, ENOSYS,
                // EOPNOTSUPP, EINVAL...), or a real I/O error that the stream copy will then report.
                if (LibC.CopyFileRange(input, ref inputOffset, output, ref outputOffset, (nuint)Math.Min(Chunk, length - inputOffset), 0) <= 0)
                {
                    break;
                }
            }

            return inputOffset;
        }, 0L), 0L);
}
