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

    [Test]
    public async Task What_the_listing_found_answers_before_the_stored_status_until_the_locks_answer_lands()
    {
        _tui = await TuiHarness.StartAsync();
        var check = new RunningCheck(_tui.Workbench);
        var job = (await _tui.Stores.Jobs.GetAsync(Fixed))! with { Status = JobStatus.Running }; // a run that ended without a word
        int changed = 0;

        check.IsRunning(job).Should().BeTrue("the stored status says running");
        check.Listed(job.Id, running: false); // its row says interrupted: nobody held its lock when it was listed
        check.IsRunning(job).Should().BeFalse();

        check.Refresh(job, () => changed++);
        await _tui.Work.IdleAsync();
        _tui.Dispatcher.Drain();
        changed.Should().Be(0, "the lock's answer is what was assumed: the hints do not change");

        using var held = _tui.Stores.Locks.Acquire(Fixed);
        check.Refresh(job, () => changed++);
        await _tui.Work.IdleAsync();
        _tui.Dispatcher.Drain();
        check.IsRunning(job).Should().BeTrue("an answer that landed goes before what the listing found");
        changed.Should().Be(1);
    }
}
