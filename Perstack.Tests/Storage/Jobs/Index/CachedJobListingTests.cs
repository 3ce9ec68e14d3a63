using FluentAssertions;
using Perstack.Core.Storage;
using Perstack.Storage.Jobs;
using Perstack.Storage.Jobs.Index;
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
    public async Task The_index_keeps_the_latest_activity_first_while_the_listing_stays_by_start_and_each_job_is_decoded_when_read()
    {
        // job-0 started first but was continued last; job-2 finished long after job-3 started.
        await _store.Jobs.SaveAsync(TestData.Job("job-0", startedAt: 1_700_000_000_000) with { UpdatedAt = 1_700_000_900_000 });
        await _store.Jobs.SaveAsync(TestData.Job("job-2", startedAt: 1_700_000_000_002) with { FinishedAt = 1_700_000_500_000 });

        var listing = await _store.Jobs.ListAsync();
        var cached = await _store.Jobs.ListCachedAsync();

        listing.Items.Select(j => j.Id.Value).Should().Equal("job-3", "job-2", "job-1", "job-0");
        var lazy = cached.Should().BeOfType<CachedJobList>().Subject;
        lazy.Decoded.Should().Be(0);
        lazy[0].Id.Value.Should().Be("job-0");
        lazy.Decoded.Should().Be(1, "only the job read is decoded");
        lazy.Select(j => j.Id.Value).Should().Equal("job-0", "job-2", "job-3", "job-1");
        lazy.Should().BeEquivalentTo(listing.Items);
        JobsIndexFile.Read(_store.Layout.Cache.JobsIndexFile!).Entries.Select(e => e.Job.Id.Value).Should().Equal("job-0", "job-2", "job-3", "job-1");
    }

    [Test]
    public async Task A_job_whose_activity_moves_it_up_moves_up_in_the_index_at_the_next_listing()
    {
        await _store.Jobs.ListAsync();
        (await _store.Jobs.ListCachedAsync())!.Select(j => j.Id.Value).Should().Equal("job-3", "job-2", "job-1", "job-0");

        await _store.Jobs.SaveAsync(TestData.Job("job-1", startedAt: 1_700_000_000_001) with { UpdatedAt = 1_700_000_900_000 });
        await _store.Jobs.ListAsync();

        (await _store.Jobs.ListCachedAsync())!.Select(j => j.Id.Value).Should().Equal("job-1", "job-3", "job-2", "job-0");
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
