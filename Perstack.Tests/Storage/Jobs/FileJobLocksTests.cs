using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;

namespace Perstack.Tests.Storage.Jobs;

/// <summary>The job lock within one process, and the temp-file cleanup that taking it performs.</summary>
[TestFixture]
public sealed class FileJobLocksTests
{
    private static readonly JobId Job = JobId.Parse("locked-job");

    private TempDirectory _temp = null!;
    private Stores _stores = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _stores = new Stores(_temp.Path);

        // Locks are taken on jobs that exist (a new job is created with its lock: JobCreationTests).
        Directory.CreateDirectory(_stores.Layout.JobDirectory(Job));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Lock_is_exclusive_until_disposed()
    {
        _stores.Locks.IsHeld(Job).Should().BeFalse();

        using (_stores.Locks.Acquire(Job))
        {
            _stores.Locks.IsHeld(Job).Should().BeTrue();
            var act = () => _stores.Locks.Acquire(Job);
            act.Should().Throw<JobLockedException>()
                .Which.Message.Should().Be("Job locked-job is already running in another process");
        }

        _stores.Locks.IsHeld(Job).Should().BeFalse();
        using (_stores.Locks.Acquire(Job))
        {
            _stores.Locks.IsHeld(Job).Should().BeTrue();
        }
    }

    [Test]
    public void Locks_of_different_jobs_are_independent()
    {
        Directory.CreateDirectory(_stores.Layout.JobDirectory(JobId.Parse("other-job")));
        using var first = _stores.Locks.Acquire(Job);

        using var second = _stores.Locks.Acquire(JobId.Parse("other-job"));

        _stores.Locks.IsHeld(JobId.Parse("other-job")).Should().BeTrue();
    }

    [Test]
    public async Task Acquire_removes_temp_files_left_in_the_job_and_nothing_else()
    {
        var job = TestData.Job(Job.Value);
        await _stores.Jobs.SaveAsync(job);
        var checkpoint = await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1));
        var jobDirectory = _stores.Layout.JobDirectory(Job);
        var stale = new[]
        {
            Path.Combine(jobDirectory, ".job.json.0123456789abcdef0123456789abcdef.tmp"),
            Path.Combine(_stores.Layout.CheckpointsDirectory(Job), $".{checkpoint.Id}.json.0123456789abcdef0123456789abcdef.tmp"),
            Path.Combine(_stores.Layout.RunDirectory(Job, RunId.Parse("run-1")), ".event-1-1-startRun.json.0123456789abcdef.tmp"),
        };
        foreach (var file in stale)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "{\"trunc");
        }

        var otherJobTemp = Path.Combine(_stores.Layout.JobDirectory(JobId.Parse("other-job")), ".job.json.0123.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(otherJobTemp)!);
        File.WriteAllText(otherJobTemp, "{");
        var notOurs = Path.Combine(jobDirectory, "notes.tmp");
        File.WriteAllText(notOurs, "a user's file, not a hidden temp file");

        (await _stores.Jobs.ListAsync()).Problems.Where(p => p.Path.StartsWith(jobDirectory, StringComparison.Ordinal))
            .Should().BeEmpty("listings ignore temp files");
        (await _stores.Checkpoints.ListAsync(Job)).Problems.Should().BeEmpty();

        using (_stores.Locks.Acquire(Job))
        {
            stale.Should().OnlyContain(f => !File.Exists(f));
            File.Exists(otherJobTemp).Should().BeTrue("another job's writer may still be using it");
            File.Exists(notOurs).Should().BeTrue();
            File.Exists(_stores.Layout.JobFile(Job)).Should().BeTrue();
            File.Exists(_stores.Layout.CheckpointFile(Job, checkpoint.Id)).Should().BeTrue();
        }

        (await _stores.Jobs.GetAsync(Job)).Should().Be(job);
    }

    [Test]
    public async Task DeleteAsync_removes_the_job_with_all_its_files()
    {
        await _stores.Jobs.SaveAsync(TestData.Job(Job.Value));
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1));
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, RunId.Parse("run-1"), 1, 1, "e"));
        await _stores.Jobs.SaveAsync(TestData.Job("kept"));

        (await _stores.Jobs.DeleteAsync(Job)).Should().BeTrue();

        Directory.Exists(_stores.Layout.JobDirectory(Job)).Should().BeFalse();
        Directory.GetFileSystemEntries(_stores.Layout.JobsDirectory).Select(Path.GetFileName).Should().Equal("kept");
        (await _stores.Jobs.ListAsync()).Items.Select(j => j.Id.Value).Should().Equal("kept");
        (await _stores.Jobs.DeleteAsync(Job)).Should().BeFalse("it no longer exists");
    }

    [Test]
    public async Task DeleteAsync_refuses_while_this_process_runs_the_job()
    {
        await _stores.Jobs.SaveAsync(TestData.Job(Job.Value));

        using (_stores.Locks.Acquire(Job))
        {
            var act = () => _stores.Jobs.DeleteAsync(Job);
            await act.Should().ThrowAsync<JobLockedException>();
        }

        File.Exists(_stores.Layout.JobFile(Job)).Should().BeTrue();
    }
}
