using System.Security.Cryptography;

namespace Perstack.TestKit.Files;

/// <summary>Every file under a folder by its SHA-256, to prove a command changed nothing; job lock files are left out.</summary>
internal static class FileHashes
{
    /// <summary>The files' hashes by full path; with <paramref name="withCaches"/> false, the listing caches (<c>*index*</c>, rebuilt from the files) are left out too.</summary>
    public static Dictionary<string, string> Of(string root, bool withCaches = true) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != ".lock" && (withCaches || !Path.GetFileName(p).Contains("index", StringComparison.Ordinal)))
            .ToDictionary(p => p, p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))), StringComparer.Ordinal);
}
