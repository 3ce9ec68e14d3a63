using System.Runtime.InteropServices;

namespace Perstack.Storage.Files;

/// <summary>
/// Reads <see cref="FileStamp"/>s. On Linux one <c>statx</c> call per file (size, mtime, ctime and inode: about
/// 30% cheaper than <see cref="FileInfo"/>, which matters when a listing stamps 100,000 files); elsewhere, or when
/// <c>statx</c> is unavailable (old kernel, seccomp filter, libc without it), <see cref="FileInfo"/> with size and
/// mtime only.
/// </summary>
internal static partial class FileStamps
{
    private const int AtFdCwd = -100;
    private const uint StatxWanted = 0x1 | 0x2 | 0x40 | 0x80 | 0x100 | 0x200; // TYPE MODE MTIME CTIME INO SIZE
    private const ushort FileTypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;
    private const int NoSuchFile = 2; // ENOENT
    private const int NotADirectory = 20; // ENOTDIR: a path component is a file

    private static bool s_statxWorks = OperatingSystem.IsLinux();

    /// <summary>Whether stamps come from <c>statx</c> (and so include ctime and inode).</summary>
    public static bool UsesStatx => s_statxWorks;

    /// <summary>The stamp of the regular file at <paramref name="path"/>; null when there is none (missing, a folder, unreadable).</summary>
    public static FileStamp? Read(string path)
    {
        if (s_statxWorks)
        {
            try
            {
                return ReadWithStatx(path);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_statxWorks = false;
            }
        }

        return ReadWithFileInfo(path);
    }

    private static FileStamp? ReadWithStatx(string path)
    {
        if (Statx(AtFdCwd, path, 0, StatxWanted, out var buffer) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error is NoSuchFile or NotADirectory)
            {
                return null;
            }

            // ENOSYS/EPERM (no statx here) and anything unexpected: let the portable path decide.
            s_statxWorks = false;
            return ReadWithFileInfo(path);
        }

        if ((buffer.Mask & StatxWanted) != StatxWanted)
        {
            s_statxWorks = false; // a file system that cannot tell all of it: stay on the portable path
            return ReadWithFileInfo(path);
        }

        return (buffer.Mode & FileTypeMask) == RegularFile
            ? new FileStamp((long)buffer.Size, Ns(buffer.MtimeSec, buffer.MtimeNsec), Ns(buffer.CtimeSec, buffer.CtimeNsec), buffer.Inode)
            : null;
    }

    private static FileStamp? ReadWithFileInfo(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists
                ? new FileStamp(info.Length, (info.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100, 0, 0)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Ns(long seconds, uint nanoseconds) => (seconds * 1_000_000_000) + nanoseconds;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary><c>struct statx</c> (the same layout on every Linux architecture), the fields we read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSec;
        [FieldOffset(104)] public uint CtimeNsec;
        [FieldOffset(112)] public long MtimeSec;
        [FieldOffset(120)] public uint MtimeNsec;
    }
}
