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
    public void A_cache_made_under_the_old_key_is_moved_to_the_new_one_once()
    {
        using var temp = new TempDirectory();
        var stores = Path.Combine(temp.CacheHome, "perstack", "stores");
        var legacy = Directory.CreateDirectory(Path.Combine(stores, StoreCache.LegacyKeyOf(temp.Path))).FullName;
        File.WriteAllText(Path.Combine(legacy, "jobs-index.bin"), "cached");

        var directory = StoreCache.For(temp.Path, temp.CacheHome).Directory;

        directory.Should().Be(Path.Combine(stores, StoreCache.KeyOf(temp.Path)));
        StoreCache.KeyOf(temp.Path).Should().NotBe(StoreCache.LegacyKeyOf(temp.Path)).And.HaveLength(32);
        File.ReadAllText(Path.Combine(directory!, "jobs-index.bin")).Should().Be("cached");
        Directory.Exists(legacy).Should().BeFalse();
    }

    [Test]
    public void A_cache_under_the_new_key_is_kept_and_an_old_one_beside_it_left_alone()
    {
        using var temp = new TempDirectory();
        var stores = Path.Combine(temp.CacheHome, "perstack", "stores");
        var legacy = Directory.CreateDirectory(Path.Combine(stores, StoreCache.LegacyKeyOf(temp.Path))).FullName;
        var current = Directory.CreateDirectory(Path.Combine(stores, StoreCache.KeyOf(temp.Path))).FullName;
        File.WriteAllText(Path.Combine(current, "jobs-index.bin"), "new");

        StoreCache.For(temp.Path, temp.CacheHome).Directory.Should().Be(current);
        File.ReadAllText(Path.Combine(current, "jobs-index.bin")).Should().Be("new");
        Directory.Exists(legacy).Should().BeTrue();
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
