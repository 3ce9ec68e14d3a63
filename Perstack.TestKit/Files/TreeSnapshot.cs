using System.Security.Cryptography;

namespace Perstack.TestKit.Files;

/// <summary>
/// Every folder and file under a root, each file with the SHA-256 of its bytes (and, when asked, its write time): two
/// snapshots are equal exactly when nothing was added, removed, renamed or rewritten.
/// </summary>
internal static class TreeSnapshot
{
    /// <summary>Relative path (with <c>/</c>) → <c>dir</c> for a folder, the content hash for a file (plus <c>@mtime</c> when <paramref name="withTimes"/>).</summary>
    public static SortedDictionary<string, string> Take(string root, bool withTimes = true)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            entries[Relative(root, folder)] = "dir";
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            entries[Relative(root, file)] = withTimes ? $"{hash}@{File.GetLastWriteTimeUtc(file).Ticks}" : hash;
        }

        return entries;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
