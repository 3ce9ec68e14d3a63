using System.Text.Json;
using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Json;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>The jobs index against every writer we know: a listing must never be stale.</summary>
[TestFixture]
public sealed class IndexedJobListingTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        for (int i = 0; i < 5; i++)
        {
            await _store.Jobs.SaveAsync(TestData.Job($"job-{i}", startedAt: 1_700_000_000_000 + i));
        }
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task A_listing_writes_an_index_of_every_job_and_the_next_listing_reads_it()
    {
        var first = await _store.Jobs.ListAsync();

        _store.Index().Keys.Should().BeEquivalentTo(["job-0", "job-1", "job-2", "job-3", "job-4"]);
        var second = await _store.Jobs.ListAsync();
        IndexedListingFixture.Json(second).Should().Equal(IndexedListingFixture.Json(first)).And.Equal(_store.Truth());
    }

    [Test]
    public async Task A_record_whose_stamp_matches_is_used_without_reading_the_file()
    {
        await _store.Jobs.ListAsync();
        var index = _store.Index();
        var forged = index["job-2"] with { Job = index["job-2"].Job with { Title = "from the index" } };
        await JobsIndexFile.WriteAsync(_store.Layout.Cache.JobsIndexFile!, JobsIndex.Empty with { Entries = [.. index.Values.Where(e => e.Job.Id.Value != "job-2"), forged] }, default);

        var listing = await _store.Jobs.ListAsync();

        listing.Items.Single(j => j.Id.Value == "job-2").Title.Should().Be("from the index", "this is how we know the fast path ran");
    }

    [Test]
    public async Task Our_store_saving_a_job_is_seen()
    {
        await _store.Jobs.ListAsync();

        await _store.Jobs.SaveAsync(TestData.Job("job-3", startedAt: 1_700_000_000_003) with { TotalSteps = 4, Title = "renamed over" });

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Single(j => j.Id.Value == "job-3").Title.Should().Be("renamed over");
        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
        _store.Index()["job-3"].Job.Title.Should().Be("renamed over");
    }

    [Test]
    public async Task An_in_place_rewrite_of_the_same_size_is_seen_as_the_TypeScript_runtime_writes()
    {
        await _store.Jobs.ListAsync();
        var before = _store.Index()["job-1"];

        // TotalSteps 3 → 4 and Completed → Completed: the same length, the same inode.
        _store.WriteInPlace(before.Job with { TotalSteps = 4 });

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Single(j => j.Id.Value == "job-1").TotalSteps.Should().Be(4);
        new FileInfo(_store.Layout.JobFile(before.Job.Id)).Length.Should().Be(before.Stamp.Size);
        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
    }

    [Test]
    public async Task An_in_place_rewrite_that_puts_the_old_mtime_back_is_seen_by_its_change_time()
    {
        Assume.That(FileStamps.UsesStatx, "ctime comes from statx (Linux)");
        await _store.Jobs.ListAsync();
        var file = _store.Layout.JobFile(JobId.Parse("job-1"));
        var mtime = File.GetLastWriteTimeUtc(file);

        _store.WriteInPlace(_store.Index()["job-1"].Job with { TotalSteps = 7 });
        File.SetLastWriteTimeUtc(file, mtime);

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Single(j => j.Id.Value == "job-1").TotalSteps.Should().Be(7);
    }

    [Test]
    public async Task A_deleted_job_leaves_the_listing_and_the_index()
    {
        await _store.Jobs.ListAsync();

        (await _store.Jobs.DeleteAsync(JobId.Parse("job-0"))).Should().BeTrue();

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Select(j => j.Id.Value).Should().NotContain("job-0");
        _store.Index().Keys.Should().NotContain("job-0");
    }

    [Test]
    public async Task A_job_folder_that_appears_is_listed()
    {
        await _store.Jobs.ListAsync();
        var other = TestData.Job("job-new", startedAt: 1_800_000_000_000);
        Directory.CreateDirectory(_store.Layout.JobDirectory(other.Id));
        await File.WriteAllBytesAsync(_store.Layout.JobFile(other.Id), JsonSerializer.SerializeToUtf8Bytes(other, PerstackJson.JobIndented));

        var listing = await _store.Jobs.ListAsync();

        listing.Items[0].Id.Value.Should().Be("job-new");
        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
    }

    [Test]
    public async Task A_job_json_that_became_corrupt_is_reported_not_served_from_the_index()
    {
        await _store.Jobs.ListAsync();
        var file = _store.Layout.JobFile(JobId.Parse("job-4"));

        await File.WriteAllTextAsync(file, "{ \"id\": \"job-4\", ");

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Select(j => j.Id.Value).Should().NotContain("job-4");
        listing.Problems.Should().ContainSingle(p => p.Path == file);
        _store.Index().Keys.Should().NotContain("job-4");
        (await _store.Jobs.ListAsync()).Problems.Should().ContainSingle(p => p.Path == file, "a problem is reported every time, not cached away");
    }

    [Test]
    public async Task A_job_json_that_was_removed_is_reported_missing()
    {
        await _store.Jobs.ListAsync();
        var file = _store.Layout.JobFile(JobId.Parse("job-4"));

        File.Delete(file);

        var listing = await _store.Jobs.ListAsync();
        listing.Items.Select(j => j.Id.Value).Should().NotContain("job-4");
        listing.Problems.Should().ContainSingle(p => p.Path == file && p.Reason == "job.json is missing");
    }

    [Test]
    public async Task A_job_json_written_a_moment_ago_is_listed_but_not_kept_in_the_index()
    {
        // The real clock: the files were just written, so an equal stamp could still hide a write in the same tick.
        var listing = await new Stores(_temp.Path, _temp.CacheHome).Jobs.ListAsync();

        listing.Items.Should().HaveCount(5);
        _store.Index().Should().BeEmpty();
    }
}
