using FluentAssertions;
using Perstack.App.Tui.Screens.Actions;
using Perstack.Core.Domain;
using Perstack.TestKit.Tui;

namespace Perstack.Tests.App.Tui.Screens.Actions;

/// <summary>Whether a job runs, for the hints: the lock is asked off the UI thread, its answer applied on it.</summary>
public sealed class RunningCheckTests
{
    private static readonly JobId Fixed = JobId.Parse("job-fixed-0001");
    private TuiHarness? _tui;

    [TearDown]
    public void TearDown() => _tui?.Dispose();

    [Test]
    public async Task The_stored_status_answers_until_the_locks_answer_lands_on_the_ui_thread()
    {
        _tui = await TuiHarness.StartAsync();
        var check = new RunningCheck(_tui.Workbench);
        var job = (await _tui.Stores.Jobs.GetAsync(Fixed))!;
        job.Status.Should().Be(JobStatus.Completed);
        using var held = _tui.Stores.Locks.Acquire(Fixed);
        int changed = 0;

        check.IsRunning(job).Should().BeFalse("nothing was checked yet: the stored status answers");
        check.Refresh(job, () => changed++);
        check.Refresh(job, () => changed++); // one check at a time per job
        await _tui.Work.IdleAsync();
        check.IsRunning(job).Should().BeFalse("the lock was asked off the UI thread; its answer is applied on it");

        _tui.Dispatcher.Drain();
        check.IsRunning(job).Should().BeTrue();
        changed.Should().Be(1);

        held.Dispose();
        check.Refresh(job, () => changed++);
        await _tui.Work.IdleAsync();
        _tui.Dispatcher.Drain();
        check.IsRunning(job).Should().BeFalse();
        changed.Should().Be(2);
    }
}
