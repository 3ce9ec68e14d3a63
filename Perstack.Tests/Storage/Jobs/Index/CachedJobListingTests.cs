using FluentAssertions;
using Perstack.Core.Storage;
using Perstack.Storage.Jobs;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary><see cref="IJobStore.ListCachedAsync"/> on the file store: the last listing as the index kept it, at once.</summary>
[TestFixture]
public sealed class CachedJobListingTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        for (int i = 0; i < 4; i++)
        {
            await _store.Jobs.SaveAsync(TestData.Job($"job-{i}", startedAt: 1_700_000_000_000 + i));
        }
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Without_an_index_there_is_no_cached_listing()
    {
        (await _store.Jobs.ListCachedAsync()).Should().BeNull();
    }

    [Test]
    public async Task The_cached_listing_is_the_last_listing_newest_first()
    {
        var listing = await _store.Jobs.ListAsync();

        var cached = await _store.Jobs.ListCachedAsync();

        cached.Should().NotBeNull();
        cached!.Select(j => j.Id.Value).Should().Equal("job-3", "job-2", "job-1", "job-0");
        cached.Should().Equal(listing.Items);
    }

    [Test]
    public async Task Jobs_added_or_removed_since_show_once_the_next_listing_lands()
    {
        await _store.Jobs.ListAsync();
        await _store.Jobs.SaveAsync(TestData.Job("job-new", startedAt: 1_700_000_000_100));
        (await _store.Jobs.DeleteAsync(TestData.Job("job-1").Id)).Should().BeTrue();

        var stale = await _store.Jobs.ListCachedAsync();
        var fresh = await _store.Jobs.ListAsync();
        var cachedAfter = await _store.Jobs.ListCachedAsync();

        stale!.Select(j => j.Id.Value).Should().Equal(["job-3", "job-2", "job-1", "job-0"], "the cache is not checked against the history");
        fresh.Items.Select(j => j.Id.Value).Should().Equal("job-new", "job-3", "job-2", "job-0");
        cachedAfter!.Select(j => j.Id.Value).Should().Equal("job-new", "job-3", "job-2", "job-0");
    }

    [Test]
    public async Task A_damaged_index_gives_no_cached_listing()
    {
        await _store.Jobs.ListAsync();
        var file = _store.Layout.Cache.JobsIndexFile!;
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^20] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        (await _store.Jobs.ListCachedAsync()).Should().BeNull();
    }

    [Test]
    public async Task A_store_without_a_cache_folder_has_no_cached_listing()
    {
        var stores = new Stores(_store.Stores.Layout.Root);
        await stores.Jobs.ListAsync();

        (await stores.Jobs.ListCachedAsync()).Should().BeNull();
    }
}
