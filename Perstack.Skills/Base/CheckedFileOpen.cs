using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perstack.Skills.Base;

/// <summary>
/// Opens a file for the file tools only when it is a regular file with exactly one hard link, without ever blocking
/// in the open itself. On Linux the file is opened with <c>O_NONBLOCK | O_NOFOLLOW</c> (so a FIFO with no writer, or
/// no reader, cannot hold the open; a symbolic link swapped in after the path was checked is not followed) and checked
/// with <c>statx</c> on the open descriptor (the object actually opened, not a path that may have changed) before a
/// byte is read or written; a write never truncates before the check, so a hard-linked file is refused untouched.
/// .NET has no API for the file type, the link count or these open flags, hence the P/Invoke (source-generated,
/// AOT-safe). Elsewhere the file is opened with .NET and only the tool-call timeout bounds a special file.
/// </summary>
internal static partial class CheckedFileOpen
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const int AtSymlinkNoFollow = 0x100;
    private const int NewFileMode = 0x1B6; // 0666, narrowed by the umask as for any new file
    private const uint StatxWanted = 0x1 | 0x2 | 0x4; // TYPE MODE NLINK
    private const ushort FileTypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int NoSuchFile = 2; // ENOENT
    private const int NoDevice = 6; // ENXIO: a FIFO opened for writing with no reader
    private const int TooManyLinks = 40; // ELOOP: the last component is a symbolic link (O_NOFOLLOW)
    private const int IsADirectory = 21; // EISDIR

    // O_NOFOLLOW differs between Linux architectures.
    private static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    /// <summary>Opens <paramref name="path"/> (a resolved real path) to read it.</summary>
    /// <param name="path">The resolved path.</param>
    /// <param name="given">The path as the model gave it (for messages).</param>
    /// <exception cref="ToolException">Missing, a directory, not a regular file, or more than one hard link.</exception>
    public static FileStream OpenRead(string path, string given)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 4096, useAsync: false);
        }

        return new FileStream(OpenChecked(path, given, flags: 0), FileAccess.Read, bufferSize: 4096, isAsync: false);
    }

    /// <summary>Opens <paramref name="path"/> to write it, creating it when <paramref name="create"/> (never truncating: the caller sets the length).</summary>
    /// <exception cref="ToolException">Missing (without <paramref name="create"/>), not a regular file, or more than one hard link.</exception>
    public static FileStream OpenWrite(string path, string given, bool create)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 4096, useAsync: false);
        }

        return new FileStream(OpenChecked(path, given, WriteOnly | (create ? Create : 0)), FileAccess.Write, bufferSize: 4096, isAsync: false);
    }

    private static SafeFileHandle OpenChecked(string path, string given, int flags)
    {
        SafeFileHandle handle;
        try
        {
            handle = Open(path, flags | NonBlocking | NoFollow | CloseOnExec, NewFileMode);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new ToolException($"Cannot open {given}: {e.Message}");
        }

        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw error switch
            {
                NoSuchFile => new ToolException($"File {given} does not exist."),
                IsADirectory => new ToolException($"Path {given} is a directory, not a file."),
                NoDevice => NotRegular(given, DescribePath(path)),
                TooManyLinks => new ToolException($"Access denied - {given} became a symbolic link"),
                _ => new ToolException($"Cannot open {given}: {Marshal.GetPInvokeErrorMessage(error)}"),
            };
        }

        try
        {
            byte emptyPath = 0;
            if (Statx((int)handle.DangerousGetHandle(), ref emptyPath, AtEmptyPath, StatxWanted, out var status) != 0)
            {
                throw new ToolException($"Cannot open {given}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            if ((status.Mode & FileTypeMask) != RegularFile)
            {
                throw NotRegular(given, Describe(status.Mode));
            }

            if (status.Links > 1)
            {
                throw new ToolException(
                    $"Access denied - {given} has {status.Links} hard links: the file tools refuse a file with more than one link, as another may lie outside the workspace");
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Why a path that is not a regular file is refused, naming what it is.</summary>
    public static ToolException NotRegular(string given, string kind) =>
        new($"Path {given} is not a regular file (it is {kind}); the file tools read and write regular files only");

    private static string DescribePath(string path)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        return Statx(AtFdCwd, ref utf8[0], AtSymlinkNoFollow, StatxWanted, out var status) == 0 ? Describe(status.Mode) : "not a regular file";
    }

    private static string Describe(ushort mode) => (mode & FileTypeMask) switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x4000 => "a directory",
        0x6000 => "a block device",
        0xA000 => "a symbolic link",
        0xC000 => "a socket",
        _ => "not a regular file",
    };

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial SafeFileHandle Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directoryFd, ref byte path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary><c>struct statx</c> (the same layout on every Linux architecture), the fields read here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(16)] public uint Links;
        [FieldOffset(28)] public ushort Mode;
    }
}
