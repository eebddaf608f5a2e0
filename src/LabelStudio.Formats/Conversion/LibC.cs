using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The package's only native calls: Linux file calls that .NET's file API lacks (<c>copy_file_range</c>,
/// <c>fallocate</c>'s range insertion, <c>sync_file_range</c>, <c>fstatvfs</c>) or makes with extra system calls
/// (<c>open</c>/<c>write</c>/<c>close</c> without the advisory lock and the seek .NET adds). Every caller has a managed
/// way to do the same work, which it takes on other systems, when a call is refused, or when libc lacks the entry point.
/// </summary>
internal static class LibC
{
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
