using Microsoft.Win32.SafeHandles;

namespace Perstack.Storage.Files;

/// <summary>Reads from an open file handle by offset (no stream, no buffer of its own).</summary>
internal static class HandleReads
{
    /// <summary>
    /// Fills <paramref name="into"/> from the file's start, reading again after each short read; returns how many bytes
    /// were read (fewer than asked only at the end of the file).
    /// </summary>
    public static int ReadFromStart(SafeFileHandle handle, Span<byte> into)
    {
        int read = 0;
        while (read < into.Length)
        {
            int n = RandomAccess.Read(handle, into[read..], read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}
