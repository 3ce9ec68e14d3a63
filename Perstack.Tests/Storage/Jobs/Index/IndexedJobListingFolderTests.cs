using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs.Index;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs.Index;

/// <summary>The folder names come from the index only while <c>jobs/</c> keeps the stamp it had when they were read.</summary>
[TestFixture]
public sealed class IndexedJobListingFolderTests
{
    private TempDirectory _temp = null!;
    private IndexedListingFixture _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        Assume.That(FileStamps.UsesStatx, "folder stamps come from statx (Linux); elsewhere every listing reads the folder");
        _temp = new TempDirectory();
        _store = new IndexedListingFixture(_temp.Path);
        for (int i = 0; i < 5; i++)
        {
            await _store.Jobs.SaveAsync(TestData.Job($"job-{i}", startedAt: 1_700_000_000_000 + i));
        }

        await _store.Jobs.ListAsync();
    }

    [TearDown]
    public void TearDown() => _temp?.Dispose();

    [Test]
    public async Task While_jobs_keeps_its_stamp_the_folder_names_come_from_the_index()
    {
        var index = JobsIndexFile.Read(_store.Layout.Cache.JobsIndexFile!);
        using (var folder = FileStamps.OpenFolder(_store.Layout.JobsDirectory))
        {
            index.FolderStamp.Should().Be(FileStamps.ReadFolder(folder));
        }

        await JobsIndexFile.WriteAsync(_store.Layout.Cache.JobsIndexFile!, index with { Entries = [.. index.Entries.Where(e => e.Job.Id.Value != "job-2")] }, default);

        var listing = await _store.Jobs.ListAsync();

        listing.Items.Select(j => j.Id.Value).Should().NotContain("job-2", "this is how we know the folder was not read");
    }

    [Test]
    public async Task A_folder_added_renamed_or_removed_behind_our_back_is_seen()
    {
        var jobs = _store.Layout.JobsDirectory;
        Directory.Move(Path.Combine(jobs, "job-1"), Path.Combine(jobs, "job-9"));
        (await _store.Jobs.ListAsync()).Problems.Should().ContainSingle(p => p.Reason == "it belongs to job job-1, not job-9");

        Directory.Delete(Path.Combine(jobs, "job-9"), recursive: true);
        IndexedListingFixture.Json(await _store.Jobs.ListAsync()).Should().Equal(_store.Truth());

        await _store.Jobs.SaveAsync(TestData.Job("job-7", startedAt: 1_800_000_000_000));
        var listing = await _store.Jobs.ListAsync();
        IndexedListingFixture.Json(listing).Should().Equal(_store.Truth());
        listing.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Folders_that_are_not_jobs_are_reported_on_every_listing()
    {
        var jobs = _store.Layout.JobsDirectory;
        Directory.CreateDirectory(Path.Combine(jobs, "not a job id"));
        Directory.CreateDirectory(Path.Combine(jobs, "job-empty"));
        string[] expected = [Path.Combine(jobs, "job-empty", "job.json"), Path.Combine(jobs, "not a job id")];

        (await _store.Jobs.ListAsync()).Problems.Select(p => p.Path).Should().Equal(expected);
        JobsIndexFile.Read(_store.Layout.Cache.JobsIndexFile!).OtherFolders.Should().Equal("job-empty", "not a job id");

        (await _store.Jobs.ListAsync()).Problems.Select(p => p.Path).Should().Equal(expected, "from the index's folder names this time");
    }

    [Test]
    public async Task A_stamp_of_jobs_taken_a_moment_after_it_changed_is_not_kept()
    {
        // The real clock: the folder was just written to, so its stamp could still hide a change in the same tick.
        await new Stores(_temp.Path, _temp.CacheHome).Jobs.ListAsync();

        JobsIndexFile.Read(_store.Layout.Cache.JobsIndexFile!).FolderStamp.Should().Be(default(FileStamp));
    }
}
