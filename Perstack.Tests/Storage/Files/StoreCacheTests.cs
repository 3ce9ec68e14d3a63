using System.Runtime.Versioning;
using FluentAssertions;
using Perstack.Storage.Files;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Files;

/// <summary>One history, one cache, whichever path reached it; and a cache that cannot be written is simply none.</summary>
[TestFixture]
public sealed class StoreCacheTests
{
    [Test]
    [Platform(Exclude = "Win")]
    public void A_store_reached_through_a_symbolic_link_has_the_same_cache_as_by_its_real_path()
    {
        using var temp = new TempDirectory();
        var real = Directory.CreateDirectory(Path.Combine(temp.Path, "real", "perstack")).FullName;
        var link = Path.Combine(temp.Path, "link");
        Directory.CreateSymbolicLink(link, Path.Combine(temp.Path, "real"));

        StoreCache.KeyOf(Path.Combine(link, "perstack")).Should().Be(StoreCache.KeyOf(real));
        StoreCache.KeyOf(Path.Combine(link, "perstack", "..", "perstack")).Should().Be(StoreCache.KeyOf(real));
        StoreCache.KeyOf(Path.Combine(temp.Path, "other")).Should().NotBe(StoreCache.KeyOf(real));
    }

    [Test]
    public async Task Writing_into_a_cache_that_cannot_be_created_returns_false_and_throws_nothing()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.CacheHome, "a file where the cache folder should be");
        var cache = StoreCache.For(temp.Path, temp.CacheHome);

        (await cache.TryWriteAsync(cache.JobsIndexFile!, new byte[] { 1, 2, 3 }, default)).Should().BeFalse();
        StoreCache.For(temp.Path, null).JobsIndexFile.Should().BeNull("no cache home: no cache");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public async Task A_cache_folder_others_can_write_to_is_not_used()
    {
        using var temp = new TempDirectory();
        var ours = Directory.CreateDirectory(Path.Combine(temp.CacheHome, "perstack")).FullName;
        File.SetUnixFileMode(ours, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        var cache = StoreCache.For(temp.Path, temp.CacheHome);

        (await cache.TryWriteAsync(cache.JobsIndexFile!, new byte[] { 1 }, default)).Should().BeFalse();
        File.Exists(cache.JobsIndexFile!).Should().BeFalse();
    }
}
