using FluentAssertions;
using Perstack.Core.Domain;
using Perstack.Core.Storage;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;

namespace Perstack.Tests.Storage.Jobs;

/// <summary>The job lock against another process (the StoreWriter child): it blocks while held, and dies with its holder.</summary>
[Category(TestCategories.ChildProcess)]
[TestFixture]
public sealed class FileJobLocksCrossProcessTests
{
    private static readonly JobId Job = JobId.Parse("held-elsewhere");

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
    [CancelAfter(60_000)]
    public async Task Lock_held_by_another_process_refuses_Acquire_until_that_process_is_killed(CancellationToken cancellationToken)
    {
        using var child = await StoreWriterProcess.StartAsync("hold-lock", _temp.Path, Job.Value, "locked", cancellationToken);

        _stores.Locks.IsHeld(Job).Should().BeTrue();
        var act = () => _stores.Locks.Acquire(Job);
        act.Should().Throw<JobLockedException>()
            .Which.Message.Should().Be("Job held-elsewhere is already running in another process");
        _stores.Locks.IsHeld(Job).Should().BeTrue("a refused Acquire must not disturb the holder");

        await child.KillAsync(cancellationToken);

        _stores.Locks.IsHeld(Job).Should().BeFalse("the OS drops the lock of a killed process");
        using (_stores.Locks.Acquire(Job))
        {
            _stores.Locks.IsHeld(Job).Should().BeTrue();
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DeleteAsync_refuses_while_another_process_holds_the_lock_and_deletes_everything_after(CancellationToken cancellationToken)
    {
        await _stores.Jobs.SaveAsync(TestData.Job(Job.Value), cancellationToken);
        await _stores.Checkpoints.SaveAsync(TestData.Checkpoint(Job, 1), cancellationToken);
        await _stores.Events.SaveAsync(TestData.StartGeneration(Job, RunId.Parse("run-1"), 1, 1, "e"), cancellationToken);
        var files = Directory.GetFiles(_stores.Layout.JobDirectory(Job), "*", SearchOption.AllDirectories);
        using var child = await StoreWriterProcess.StartAsync("hold-lock", _temp.Path, Job.Value, "locked", cancellationToken);

        var act = () => _stores.Jobs.DeleteAsync(Job, cancellationToken);

        (await act.Should().ThrowAsync<JobLockedException>()).Which.JobId.Should().Be(Job);
        files.Should().OnlyContain(f => File.Exists(f), "a refused delete must not remove anything");
        (await _stores.Jobs.ListAsync(cancellationToken)).Items.Should().ContainSingle();

        await child.KillAsync(cancellationToken);

        (await _stores.Jobs.DeleteAsync(Job, cancellationToken)).Should().BeTrue();
        Directory.Exists(_stores.Layout.JobDirectory(Job)).Should().BeFalse();
        Directory.GetFileSystemEntries(_stores.Layout.JobsDirectory).Should().BeEmpty("no renamed leftovers either");
        (await _stores.Jobs.ListAsync(cancellationToken)).Items.Should().BeEmpty();
    }
}
