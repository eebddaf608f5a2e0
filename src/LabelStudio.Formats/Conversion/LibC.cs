using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The package's only native calls: Linux file calls that .NET's file API lacks (<c>copy_file_range</c>,
/// <c>fallocate</c>'s range insertion, <c>sync_file_range</c>, <c>fstatvfs</c>) or makes with extra system calls
/// (<c>open</c>/<c>write</c>/<c>close</c> without the advisory lock and the seek .NET adds; <c>open</c>'s unnamed
/// <c>O_TMPFILE</c> files). Every caller has a managed way to do the same work, which it takes on other systems, when a
/// call is refused, or when libc lacks the entry point.
/// </summary>
internal static class LibC
{
    private const int OpenReadWrite = 0x2;
    private const int OpenCloseOnExec = 0x80000;

    // O_TMPFILE is __O_TMPFILE | O_DIRECTORY, and O_DIRECTORY differs between ABIs: 0x10000 in the generic and x86
    // headers, 0x4000 on ARM and PowerPC. A kernel without O_TMPFILE ignores the unknown bit and refuses to open a directory for
    // writing (EISDIR), which is why the flag carries O_DIRECTORY.
    private const int OpenTemporaryGeneric = 0x400000 | 0x10000;
    private const int OpenTemporaryArm = 0x400000 | 0x4000;

    // Owner read and write only.
    private const int TemporaryMode = 0x180;

    /// <summary>
    /// A new file in <paramref name="directory"/> that has no name (<c>open(directory, O_TMPFILE | O_RDWR)</c>, Linux
    /// 3.11+): it disappears when closed, even when the process is killed first. Null when the call is refused (a file
    /// system without it, such as some network ones; an older kernel; another system; a missing folder) or libc lacks it.
    /// </summary>
    public static SafeFileHandle? OpenUnnamed(string directory)
    {
        var flags = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 or Architecture.RiscV64 or Architecture.LoongArch64 or Architecture.S390x => OpenTemporaryGeneric,
            Architecture.Arm64 or Architecture.Arm or Architecture.Ppc64le => OpenTemporaryArm,
            _ => 0,
        };
        if (!OperatingSystem.IsLinux() || flags == 0 || directory.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var path = new byte[Encoding.UTF8.GetByteCount(directory) + 1];
        Encoding.UTF8.GetBytes(directory, path);
        int descriptor;
        try
        {
            descriptor = Open(ref MemoryMarshal.GetArrayDataReference(path), flags | OpenReadWrite | OpenCloseOnExec, TemporaryMode);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>
    /// The result of <paramref name="call"/> on <paramref name="file"/>'s descriptor, the handle kept from closing
    /// meanwhile; <paramref name="unavailable"/> when libc has no such entry point (or is not there at all).
    /// </summary>
    public static T OnDescriptor<T>(SafeFileHandle file, Func<int, T> call, T unavailable)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return call((int)file.DangerousGetHandle());
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return unavailable;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern nint CopyFileRange(int inputDescriptor, ref long inputOffset, int outputDescriptor, ref long outputOffset, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Fallocate(int descriptor, int mode, long offset, long length);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SyncFileRange(int descriptor, long offset, long length, uint flags);

    [DllImport("libc", EntryPoint = "fstatvfs", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int FStatVfs(int descriptor, ref byte buffer);

    [DllImport("libc", EntryPoint = "open")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Open(ref byte path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern nint Write(int descriptor, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Close(int descriptor);
}
