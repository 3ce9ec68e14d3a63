using System.Runtime.InteropServices;

namespace Perstack.Storage.Files;

/// <summary>
/// Reads a small file without the advisory lock .NET takes on Unix for every open (a shared flock, which an exclusive
/// lock held by this very process on another handle of the same file refuses): <c>open</c>/<c>read</c>/<c>close</c> from
/// libc. Used to read back a <see cref="LockFile"/> by its path while holding it.
/// </summary>
internal static partial class UnlockedRead
{
    private const int ReadOnly = 0; // O_RDONLY, the same on every Unix

    /// <summary>Up to <paramref name="max"/> bytes of <paramref name="path"/>; null when it cannot be opened or read.</summary>
    public static byte[]? TryRead(string path, int max)
    {
        try
        {
            int fd = Open(path, ReadOnly);
            if (fd < 0)
            {
                return null;
            }

            try
            {
                var buffer = new byte[max];
                int total = 0;
                while (total < max)
                {
                    nint n = Read(fd, ref buffer[total], max - total);
                    if (n < 0)
                    {
                        return null;
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    total += (int)n;
                }

                return buffer[..total];
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, ref byte buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
