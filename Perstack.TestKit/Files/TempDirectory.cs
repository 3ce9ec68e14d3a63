namespace Perstack.TestKit.Files;

/// <summary>A fresh folder under the system temp path, deleted with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perstack-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A user cache folder (as <c>$XDG_CACHE_HOME</c>) beside <see cref="Path"/>, not inside it; deleted with it (folder or file).</summary>
    public string CacheHome => Path + "-cache";

    public void Dispose()
    {
        foreach (var folder in new[] { Path, CacheHome })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            else if (File.Exists(folder))
            {
                // Tests that break the cache put a file where its folder should be.
                File.Delete(folder);
            }
        }
    }
}
