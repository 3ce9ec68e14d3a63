using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perstack.Storage.Files;

/// <summary>
/// Starts writing a file's data to disk without waiting (Linux <c>sync_file_range</c>). Started for every file of a
/// group before the first fsync, the group's data goes out together and its fsyncs mostly find the work done, instead
/// of each fsync writing its file and committing the journal on its own. Only a head start: durability still comes
/// from the fsync. A no-op where the call does not exist.
/// </summary>
internal static partial class Writeback
{
    private const uint StartWrite = 2; // SYNC_FILE_RANGE_WRITE

    private static bool s_works = OperatingSystem.IsLinux();

    public static void Start(SafeFileHandle handle)
    {
        if (!s_works)
        {
            return;
        }

        try
        {
            if (SyncFileRange((int)handle.DangerousGetHandle(), 0, 0, StartWrite) != 0)
            {
                // ENOSYS, a file system without it, a seccomp filter: the fsync does all the work, as elsewhere.
                s_works = false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_works = false;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);
}
