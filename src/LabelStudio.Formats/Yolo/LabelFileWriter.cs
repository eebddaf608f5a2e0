using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using Microsoft.Win32.SafeHandles;

namespace LabelStudio.Formats.Yolo;

/// <summary>
/// Creates the YOLO label files (one per image, ~100 000 for a large export) on a thread of its own, in the order
/// they were queued, so a later file for the same image stem still replaces an earlier one.
/// </summary>
/// <remarks>
/// <para>
/// Creating a file costs about as much as parsing its task, nearly all of it in the kernel (ext4's directory lookup
/// and insert). On a pool thread those blocking calls took a worker the map stage counts on (2 cores: half of it); a
/// dedicated thread leaves both workers to parsing and lets the scheduler share the cores.
/// </para>
/// <para>
/// Files travel to that thread in batches of 256: one hand-off per file woke the writer (and the thread pool's
/// spinning workers) ~100 000 times. A batch holds its files' names and contents in one byte buffer, and batches are
/// reused: one array per file waited in the channel long enough to be promoted, which cost gen-1 and gen-2 GCs.
/// </para>
/// </remarks>
internal sealed class LabelFileWriter
{
    private const int BatchSize = 256;
    private const int BatchesInFlight = 16;

    // Linux's generic open(2) flags (x64, arm64): write-only, create, fail when the file exists, close on exec.
    private const int OpenWriteOnly = 0x1;
    private const int OpenCreate = 0x40;
    private const int OpenExclusive = 0x80;
    private const int OpenCloseOnExec = 0x80000;

    // rw-rw-rw- before the umask, as .NET creates files.
    private const int CreateMode = 0x1B6;

    private readonly string _directory;
    private readonly byte[] _directoryPrefix;
    private readonly bool _native;

    private readonly Channel<LabelBatch> _batches =
        Channel.CreateBounded<LabelBatch>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });

    // Batches the writer thread has emptied, for the producer to fill again.
    private readonly ConcurrentQueue<LabelBatch> _free = new();

    // Where each stem sits in the batch being filled, to fold a rewrite into the write still waiting there.
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    private LabelBatch _batch = new();
    private Task? _writing;

    /// <summary>Writes into <paramref name="directory"/> (which must exist when <see cref="Start"/> is called).</summary>
    /// <param name="directory">The labels folder.</param>
    /// <param name="native">Whether new files may be created with open(2)/write(2)/close(2) directly (Linux x64/arm64 only).</param>
    public LabelFileWriter(string directory, bool native = true)
    {
        _directory = directory;
        _native = native && NativeSupported;
        _directoryPrefix = Encoding.UTF8.GetBytes(directory + Path.DirectorySeparatorChar);
    }

    /// <summary>
    /// Whether this process can create files through libc's open(2) with the flag values above. .NET's own file
    /// handles take an advisory flock after opening and release it before closing (2 of the 6 system calls per
    /// file, with an lseek asking whether the handle can seek); only the process-wide System.IO.DisableFileLocking
    /// switch turns that off, which a library must not set for its host. A new file in the fresh staging folder
    /// needs none of it: open, write, close.
    /// </summary>
    internal static bool NativeSupported { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Starts the writer thread.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                WriteBatches(cancellationToken);
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                // The producer's next hand-off fails with the cause, so reading stops too.
                _batches.Writer.TryComplete(ex);
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    done.TrySetCanceled(cancellationToken);
                }
                else
                {
                    done.TrySetException(ex);
                }
            }
        })
        {
            IsBackground = true,
            Name = "YOLO label files",
        };
        thread.Start();
        _writing = done.Task;
    }

    /// <summary>
    /// Queues <c>&lt;stem&gt;.txt</c> with <paramref name="content"/> (copied). <paramref name="replace"/> when an
    /// earlier call queued the same stem: the file is then overwritten.
    /// </summary>
    public ValueTask QueueAsync(string stem, ReadOnlySpan<byte> content, bool replace, CancellationToken cancellationToken)
    {
        var batch = _batch;

        // The next annotation of a task writes the same image's file again (the official converter rewrites it; the
        // last write wins). While the earlier write still waits in this batch, it takes the new content instead:
        // the file is created once, and no truncation (which ext4 flushes to disk on close) is left for the writer.
        if (replace && _slots.TryGetValue(stem, out var slot))
        {
            var start = batch.Bytes.WrittenCount;
            batch.Bytes.Write(content);
            batch.Entries[slot] = batch.Entries[slot] with { ContentStart = start, ContentLength = content.Length };
            return default;
        }

        // A NUL would end the path early for open(2): such a name (never a real image's) takes .NET's API, which refuses it.
        var pathStart = -1;
        if (_native && !stem.Contains('\0', StringComparison.Ordinal))
        {
            pathStart = batch.Bytes.WrittenCount;
            var bytes = batch.Bytes;
            bytes.Write(_directoryPrefix);
            var room = bytes.GetSpan(Encoding.UTF8.GetMaxByteCount(stem.Length) + 5);
            var length = Encoding.UTF8.GetBytes(stem, room);
            ".txt\0"u8.CopyTo(room[length..]);
            bytes.Advance(length + 5);
        }

        var contentStart = batch.Bytes.WrittenCount;
        batch.Bytes.Write(content);
        _slots[stem] = batch.Entries.Count;
        batch.Entries.Add(new LabelEntry(stem, pathStart, contentStart, content.Length, replace));
        return batch.Entries.Count >= BatchSize ? FlushAsync(cancellationToken) : default;
    }

    /// <summary>Hands over the last batch and waits until every file is written.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        _batches.Writer.TryComplete();
        if (_writing is { } writing)
        {
            await writing.ConfigureAwait(false);
        }
    }

    /// <summary>Stops after the batches already handed over; rethrows the writer's failure if it had one.</summary>
    public async Task AbandonAsync()
    {
        _batches.Writer.TryComplete();
        if (_writing is { } writing)
        {
            await writing.ConfigureAwait(false);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Entries.Count == 0)
        {
            return;
        }

        var batch = _batch;
        _batch = _free.TryDequeue(out var reused) ? reused : new LabelBatch();
        _slots.Clear();
        if (!_batches.Writer.TryWrite(batch))
        {
            await _batches.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WriteBatches(CancellationToken cancellationToken)
    {
        // Synchronous writes: a small file is cheaper to write than to schedule as asynchronous I/O. The thread
        // blocks while the channel is empty, which is what it is for.
        var reader = _batches.Reader;
        while (true)
        {
            while (reader.TryRead(out var batch))
            {
                var bytes = batch.Bytes.WrittenSpan;
                foreach (var entry in batch.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var content = bytes.Slice(entry.ContentStart, entry.ContentLength);
                    if (entry.Replace || entry.PathStart < 0 || !TryCreateNative(bytes[entry.PathStart..], content))
                    {
                        WriteManaged(Path.Combine(_directory, entry.Stem + ".txt"), content, entry.Replace);
                    }
                }

                batch.Clear();
                _free.Enqueue(batch);
            }

            var more = reader.WaitToReadAsync(cancellationToken);
            if (!(more.IsCompleted ? more.Result : more.AsTask().GetAwaiter().GetResult()))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Creates a new file and writes <paramref name="content"/> with three system calls (open, write, close); false
    /// when any of them fails or the file already exists (a write that failed midway leaves the file it created): the
    /// caller then takes <see cref="WriteManaged"/>, which replaces an existing file or throws .NET's exception for
    /// the failure.
    /// </summary>
    /// <param name="path">The path in UTF-8, ending in a NUL byte (anything after it is ignored).</param>
    /// <param name="content">The bytes to write.</param>
    internal static bool TryCreateNative(ReadOnlySpan<byte> path, ReadOnlySpan<byte> content)
    {
        var end = path.IndexOf((byte)0);
        if (end <= 0 || !NativeSupported)
        {
            return false;
        }

        int descriptor;
        try
        {
            descriptor = LibC.Open(ref MemoryMarshal.GetReference(path), OpenWriteOnly | OpenCreate | OpenExclusive | OpenCloseOnExec, CreateMode);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // A libc without these entry points (or under another name): .NET's API does the work.
            return false;
        }

        if (descriptor < 0)
        {
            return false;
        }

        var written = true;
        try
        {
            while (content.Length > 0)
            {
                var count = LibC.Write(descriptor, ref MemoryMarshal.GetReference(content), (nuint)content.Length);
                if (count <= 0)
                {
                    // EINTR, ENOSPC, EIO...: the managed write starts the file over and reports what fails.
                    written = false;
                    break;
                }

                content = content[(int)count..];
            }
        }
        finally
        {
            _ = LibC.Close(descriptor);
        }

        return written;
    }

    /// <summary>Creates (or, when <paramref name="replace"/> or already there, overwrites) one label file through .NET's file API.</summary>
    /// <remarks>
    /// <see cref="FileMode.Create"/> (and <see cref="File.WriteAllBytes(string, byte[])"/>) opens without O_TRUNC and
    /// truncates to zero after taking its advisory lock; on ext4 a file truncated to zero is flushed to disk when it
    /// is closed (the auto_da_alloc replace-by-truncate safeguard). <see cref="FileMode.CreateNew"/> (O_EXCL) needs
    /// no truncation: 20 000 files took 0.6 s of system time instead of 5.7 s (benchmarks/README.md has the 100k-task
    /// runs). Only a second file for the same image stem (an overwrite, which the reader side knows of) truncates, as
    /// does a name that differs from an earlier one only in case on a case-insensitive file system.
    /// </remarks>
    internal static void WriteManaged(string path, ReadOnlySpan<byte> content, bool replace)
    {
        try
        {
            SafeFileHandle handle;
            try
            {
                handle = File.OpenHandle(path, replace ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (!replace && File.Exists(path))
            {
                handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
            }

            using var owned = handle;
            if (content.Length > 0)
            {
                RandomAccess.Write(handle, content, 0);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The system's message names the file in the staging folder, which the failed export deletes.
            var name = "labels/" + Path.GetFileName(path);
            throw new IOException($"Could not write the label file {name}: {ex.Message.Replace(path, name, StringComparison.Ordinal)}", ex);
        }
    }

    /// <summary>
    /// One file of a batch: its path (UTF-8, NUL-terminated, at <paramref name="PathStart"/>; -1 when the batch holds
    /// no path) and content in the batch's bytes.
    /// </summary>
    private readonly record struct LabelEntry(string Stem, int PathStart, int ContentStart, int ContentLength, bool Replace);

    /// <summary>Up to 256 files on their way to the writer thread; reused once written.</summary>
    private sealed class LabelBatch
    {
        public Utf8Buffer Bytes { get; } = new(1 << 15);

        public List<LabelEntry> Entries { get; } = new(BatchSize);

        public void Clear()
        {
            Bytes.ResetWrittenCount();
            Entries.Clear();
        }
    }
}
