using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Perstack.Core.Domain;

namespace Perstack.Storage.Files;

/// <summary>
/// The store's speed-ups, kept outside the history (which holds only what Perstack writes, so commands that only
/// read leave it untouched): <c>&lt;cache home&gt;/perstack/stores/&lt;key&gt;/</c>, the key a hash of the store's
/// canonical path. Only ever a cache: every file is checked against the history before use, may be deleted at any
/// time, and a cache that cannot be read or written (none configured, read-only, not ours) simply means none.
/// </summary>
public sealed class StoreCache
{
    private const string FolderName = "perstack";
    private readonly string _storeRoot;
    private readonly string? _cacheHome;
    private string? _directory;
    private bool _resolved;

    private readonly bool _remote;

    private StoreCache(string storeRoot, string? cacheHome, bool remote = false)
    {
        _storeRoot = storeRoot;
        _cacheHome = cacheHome;
        _remote = remote;
    }

    /// <summary>
    /// The cache of a history that is not a folder (a bucket): keyed by <paramref name="identity"/> as given (for S3:
    /// endpoint, bucket and prefix — never a credential), which is written to <c>store-path</c> for people.
    /// </summary>
    public static StoreCache ForRemote(string identity, string? cacheHome) => new(identity, cacheHome, remote: true);

    /// <summary>The cache of the store at <paramref name="storeRoot"/> under <paramref name="cacheHome"/> (null: none).</summary>
    public static StoreCache For(string storeRoot, string? cacheHome) => new(storeRoot, cacheHome);

    /// <summary>This store's cache folder, or null when there is no cache. Not created until something is written.</summary>
    public string? Directory
    {
        get
        {
            if (!_resolved)
            {
                _directory = _cacheHome is null ? null : Resolve(Path.Combine(_cacheHome, FolderName, "stores"));
                _resolved = true;
            }

            return _directory;
        }
    }

    /// <summary>The jobs index (see docs/storage.md), or null when there is no cache.</summary>
    public string? JobsIndexFile => Directory is { } directory ? Path.Combine(directory, "jobs-index.bin") : null;

    /// <summary>The full-text search index (see docs/tui.md), or null when there is no cache.</summary>
    public string? SearchIndexFile => Directory is { } directory ? Path.Combine(directory, "search-index.bin") : null;

    /// <summary>The checkpoint index of <paramref name="jobId"/>, or null when there is no cache.</summary>
    public string? CheckpointIndexFile(JobId jobId) =>
        Directory is { } directory ? Path.Combine(directory, "checkpoints", jobId.Value + ".json") : null;

    /// <summary>
    /// Replaces the cache file <paramref name="path"/> atomically (a concurrent reader sees the old file or the new
    /// one); false, and nothing thrown, when the cache cannot be written.
    /// </summary>
    public async Task<bool> TryWriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!TryPrepare(Path.GetDirectoryName(path)!))
        {
            return false;
        }

        try
        {
            await AtomicFile.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates <paramref name="directory"/> (inside this cache) private to the user; false when it cannot be, or when the
    /// cache home's <c>perstack</c> folder is writable by others (its content could be forged: better no cache).
    /// </summary>
    private bool TryPrepare(string directory)
    {
        if (_cacheHome is null)
        {
            return false;
        }

        try
        {
            var ours = Path.Combine(_cacheHome, FolderName);
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
                return true;
            }

            const UnixFileMode privateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            System.IO.Directory.CreateDirectory(ours, privateMode);
            if ((File.GetUnixFileMode(ours) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                return false;
            }

            System.IO.Directory.CreateDirectory(directory, privateMode);
            WriteStorePath();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Names the store in its cache folder, so a person looking at the cache can tell which history it serves.</summary>
    private void WriteStorePath()
    {
        var file = Path.Combine(Directory!, "store-path");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, _storeRoot + "\n");
        }
    }

    /// <summary>
    /// This store's folder under <paramref name="stores"/>. A cache made before the key was an XxHash128 (it was the first
    /// half of a SHA-256) is moved to its new name the first time, so an upgrade does not read the history again; a
    /// move that fails (another process moved it first, or the cache is read-only) leaves the old folder alone.
    /// </summary>
    private string Resolve(string stores)
    {
        var identity = _remote ? _storeRoot : IdentityOf(_storeRoot);
        var directory = Path.Combine(stores, HashOf(identity));
        if (!System.IO.Directory.Exists(directory) && Path.Combine(stores, LegacyHashOf(identity)) is var legacy && System.IO.Directory.Exists(legacy))
        {
            try
            {
                System.IO.Directory.Move(legacy, directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's move, or no right to move: the cache is rebuilt under the new name.
            }
        }

        return directory;
    }

    /// <summary>A hash of the store's canonical path: one cache per history, whatever path it was reached by.</summary>
    internal static string KeyOf(string storeRoot) => HashOf(IdentityOf(storeRoot));

    /// <summary>What a folder store's key is a hash of: its canonical path, whatever path it was reached by.</summary>
    private static string IdentityOf(string storeRoot) => Canonical(Path.GetFullPath(storeRoot), depth: 0);

    /// <summary>
    /// The key: not a cryptographic hash (nobody chooses a path to collide with another of the same user's), since
    /// SHA-256 on Linux loads OpenSSL, ~10–25 ms of a start before the cached listing could be read.
    /// </summary>
    private static string HashOf(string identity) => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(identity)));

    /// <summary>The key <see cref="KeyOf"/> gave before it was an XxHash128.</summary>
    internal static string LegacyKeyOf(string storeRoot) => LegacyHashOf(IdentityOf(storeRoot));

    /// <summary>The key before XxHash128 (only computed when the folder under the new key does not exist).</summary>
    private static string LegacyHashOf(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];

    /// <summary>
    /// <paramref name="path"/> with every symbolic link among its existing components resolved (realpath, which .NET does
    /// not offer); components that do not exist yet are kept as they are.
    /// </summary>
    private static string Canonical(string path, int depth)
    {
        var root = Path.GetPathRoot(path) ?? "/";
        var current = root;
        foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            try
            {
                var info = new FileInfo(next);
                if (depth < 32 && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    next = Canonical(target.FullName, depth + 1);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A loop or an unreadable link: keep the path as written.
            }

            current = next;
        }

        return current;
    }
}
