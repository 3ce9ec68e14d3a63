using System.Globalization;

namespace Perstack.Skills.Base;

/// <summary>Small file-system facts the tools report, computed the way the reference (Node.js) computes them.</summary>
internal static class FileFacts
{
    /// <summary>Whether the owner may write the entry (mode &amp; 0o200; on Windows: not read-only).</summary>
    public static bool IsWritable(FileSystemInfo info)
    {
        if (OperatingSystem.IsWindows())
        {
            return !info.Attributes.HasFlag(FileAttributes.ReadOnly);
        }

        return (info.UnixFileMode & UnixFileMode.UserWrite) != 0;
    }

    /// <summary>Whether the owner may execute the entry (mode &amp; 0o100; on Windows: never reported).</summary>
    public static bool IsExecutable(FileSystemInfo info)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return (info.UnixFileMode & UnixFileMode.UserExecute) != 0;
    }

    /// <summary>Node's <c>path.extname</c>: from the last dot of the name, "" for none or a leading dot only.</summary>
    public static string Extension(string path)
    {
        var name = Path.GetFileName(path);
        int dot = name.LastIndexOf('.');
        return dot <= 0 ? "" : name[dot..];
    }

    /// <summary>"0 B", "512.00 B", "1.23 KB", … (two decimals, 1024 steps).</summary>
    public static string FormatSize(long bytes)
    {
        if (bytes <= 0)
        {
            return "0 B";
        }

        string[] units = ["B", "KB", "MB", "GB", "TB"];
        int i = Math.Min((int)Math.Floor(Math.Log(bytes) / Math.Log(1024)), units.Length - 1);
        return (bytes / Math.Pow(1024, i)).ToString("F2", CultureInfo.InvariantCulture) + " " + units[i];
    }

    /// <summary>Megabytes with one decimal, as in "Image file too large (15.2MB)".</summary>
    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>JavaScript's <c>Date.toISOString()</c>: UTC with milliseconds.</summary>
    public static string IsoTime(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
