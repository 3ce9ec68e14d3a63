using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

/// <summary>A new job appears all at once (job.json in place, lock held) or not at all, and leftovers of killed writers are cleared.</summary>
[TestFixture]
public sealed class JobCreationTests
{
    private static readonly JobId Job = JobId.Parse("new-job");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task CreateAsync_puts_the_whole_job_in_place_with_its_lock_held_and_leaves_nothing_else()
    {
        using (await _stores.Jobs.CreateAsync(TestData.Job(Job.Value)))
        {
            (await _stores.Jobs.GetAsync(Job)).Should().NotBeNull();
            _stores.Locks.IsHeld(Job).Should().BeTrue();
            var act = () => _stores.Locks.Acquire(Job);
            act.Should().Throw<JobLockedException>();
        }

        _stores.Locks.IsHeld(Job).Should().BeFalse();
        Directory.GetFileSystemEntries(_stores.Layout.JobsDirectory).Select(Path.GetFileName).Should().Equal(Job.Value);
        Directory.GetFileSystemEntries(_stores.Layout.JobDirectory(Job)).Select(Path.GetFileName).Should().Equal("job.json");
    }

    [Test]
    public async Task A_job_that_exists_is_refused_and_left_untouched()
    {
        await _stores.Jobs.SaveAsync(TestData.Job(Job.Value) with { Title = "Mine" });

        var act = () => _stores.Jobs.CreateAsync(TestData.Job(Job.Value));

        await act.Should().ThrowAsync<JobExistsException>().WithMessage("Job new-job already exists");
        (await _stores.Jobs.GetAsync(Job))!.Title.Should().Be("Mine");
        Directory.GetFileSystemEntries(_stores.Layout.JobsDirectory).Select(Path.GetFileName).Should().Equal(Job.Value);
    }

    [Test]
    public async Task Leftovers_whose_owner_is_gone_are_removed_by_the_next_write_and_never_by_a_read()
    {
        var jobs = _stores.Layout.JobsDirectory;
        var creating = Path.Combine(jobs, ".creating-imported-0123456789abcdef0123456789abcdef");
        var deleting = Path.Combine(jobs, ".deleting-old-0123456789abcdef0123456789abcdef");
        var emptyStaging = Path.Combine(jobs, ".creating-empty-fedcba9876543210fedcba9876543210");
        Directory.CreateDirectory(Path.Combine(creating, "jobs", "imported", "checkpoints"));
        File.WriteAllText(Path.Combine(creating, "jobs", "imported", ".lock"), "pid 1 on elsewhere");
        File.WriteAllText(Path.Combine(creating, "jobs", "imported", "checkpoints", "a.json"), new string('x', 1000));
        Directory.CreateDirectory(Path.Combine(deleting, "checkpoints"));
        File.WriteAllText(Path.Combine(deleting, ".lock"), "pid 2 on elsewhere");
        File.WriteAllText(Path.Combine(deleting, "checkpoints", "b.json"), "{}");
        Directory.CreateDirectory(Path.Combine(emptyStaging, "jobs", "empty"));
        await _stores.Jobs.SaveAsync(TestData.Job("kept"));
        var legacyJobsIndex = Path.Combine(_temp.Path, "jobs-index.bin");
        var legacyCheckpointIndex = Path.Combine(_stores.Layout.JobDirectory(JobId.Parse("kept")), "checkpoint-index.json");
        File.WriteAllText(legacyJobsIndex, "an index an older version kept in the history");
        File.WriteAllText(legacyCheckpointIndex, "{}");
        var before = TreeSnapshot.Take(_temp.Path);

        await _stores.Jobs.ListAsync();
        await _stores.Jobs.GetAsync(JobId.Parse("kept"));
        TreeSnapshot.Take(_temp.Path).Should().Equal(before, "reading never cleans up");

        using (await _stores.Jobs.CreateAsync(TestData.Job(Job.Value)))
        {
        }

        Directory.GetFileSystemEntries(jobs).Select(Path.GetFileName).Should().BeEquivalentTo(["kept", Job.Value]);
        File.Exists(legacyJobsIndex).Should().BeFalse("older versions' caches go with the first write");
        using (_stores.Locks.Acquire(JobId.Parse("kept")))
        {
            File.Exists(legacyCheckpointIndex).Should().BeFalse();
        }
    }

    [Test]
    public async Task A_leftover_whose_owner_is_alive_is_kept()
    {
        var creating = Path.Combine(_stores.Layout.JobsDirectory, ".creating-busy-0123456789abcdef0123456789abcdef");
        var lockPath = Path.Combine(creating, "jobs", "busy", ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);

        // Another process's live lock (an OS lock on its own open file description).
        using var owner = new FileStream(lockPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

        using (await _stores.Jobs.CreateAsync(TestData.Job(Job.Value)))
        {
        }

        Directory.Exists(creating).Should().BeTrue();
        File.Exists(lockPath).Should().BeTrue();
    }
}
