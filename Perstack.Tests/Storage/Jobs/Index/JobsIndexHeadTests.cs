using FluentAssertions;
using Perstack.Core.Storage;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary><see cref="IJobStore.ListCachedHeadAsync"/> on the file store: the first jobs of the index, read from its first kilobytes.</summary>
[TestFixture]
public sealed class JobsIndexHeadTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_head_is_the_cached_listings_first_jobs_decoded_alike()
    {
        await SaveJobsAsync(JobsIndexHead.Count + 40);
        await _store.Jobs.ListAsync(); // writes the index

        var head = await _store.Jobs.ListCachedHeadAsync();
        var cached = await _store.Jobs.ListCachedAsync();

        head.Should().NotBeNull();
        head!.Should().HaveCount(JobsIndexHead.Count);
        head.Select(IndexedListingFixture.Json).Should().Equal(cached!.Take(JobsIndexHead.Count).Select(IndexedListingFixture.Json));
    }

    [Test]
    public async Task A_short_history_is_all_in_the_head()
    {
        await SaveJobsAsync(3);
        await _store.Jobs.ListAsync();

        var head = await _store.Jobs.ListCachedHeadAsync();

        head!.Select(j => j.Id.Value).Should().Equal("job-002", "job-001", "job-000");
    }

    [Test]
    public async Task Without_an_index_there_is_no_head()
    {
        await SaveJobsAsync(2);

        (await _store.Jobs.ListCachedHeadAsync()).Should().BeNull();
    }

    [Test]
    public async Task A_damaged_head_is_no_head_and_the_whole_index_is_no_index_either()
    {
        await SaveJobsAsync(5);
        await _store.Jobs.ListAsync();
        var path = _store.Layout.Cache.JobsIndexFile!;
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[40] ^= 0xFF; // inside the head's first record
        await File.WriteAllBytesAsync(path, bytes);

        (await _store.Jobs.ListCachedHeadAsync()).Should().BeNull();
        (await _store.Jobs.ListCachedAsync()).Should().BeNull("the whole file's checksum covers the head");
        (await _store.Jobs.ListAsync()).Items.Should().HaveCount(5, "the index is only a cache: the listing rebuilds it");
        (await _store.Jobs.ListCachedHeadAsync()).Should().HaveCount(5);
    }

    [Test]
    public async Task An_index_of_an_older_format_has_no_head()
    {
        await SaveJobsAsync(2);
        await _store.Jobs.ListAsync();
        var path = _store.Layout.Cache.JobsIndexFile!;
        var bytes = await File.ReadAllBytesAsync(path);
        BitConverter.GetBytes(JobsIndexFile.CurrentVersion - 1).CopyTo(bytes, JobsIndexFile.Magic.Length);
        await File.WriteAllBytesAsync(path, bytes);

        (await _store.Jobs.ListCachedHeadAsync()).Should().BeNull();
    }

    [TestCase(0)]
    [TestCase(13)]
    [TestCase(100)]
    public async Task A_cut_short_file_has_no_head(int keep)
    {
        await SaveJobsAsync(3);
        await _store.Jobs.ListAsync();
        var path = _store.Layout.Cache.JobsIndexFile!;
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, keep).ToArray());

        (await _store.Jobs.ListCachedHeadAsync()).Should().BeNull();
    }

    private async Task SaveJobsAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await _store.Jobs.SaveAsync(TestData.Job($"job-{i:D3}", startedAt: 1_700_000_000_000 + i));
        }
    }
}
