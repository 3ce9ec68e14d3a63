using System.Diagnostics;
using FluentAssertions;
using Perstack.App.Tui.Driver;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>The main loop waits for work between passes: a wake ends the wait, else the period does.</summary>
public sealed class LoopPaceTests
{
    [Test]
    public void Without_work_the_wait_ends_after_the_period()
    {
        var pace = new LoopPace();
        var clock = Stopwatch.StartNew();

        pace.WaitForWork().Should().BeFalse();

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(LoopPace.Period - TimeSpan.FromMilliseconds(1));
    }

    [Test]
    public void A_wake_before_the_wait_ends_the_next_wait_at_once_and_only_that_one()
    {
        var pace = new LoopPace();

        pace.Wake();
        pace.Wake();

        pace.WaitForWork().Should().BeTrue();
        pace.WaitForWork().Should().BeFalse("two wakes before a pass are one pass's work");
    }

    [Test]
    public async Task A_wake_from_another_thread_ends_a_wait_in_progress()
    {
        var pace = new LoopPace();
        var woken = 0;
        var waiter = new Thread(() =>
        {
            // The period is 10 ms: only waits ended by a wake count, so the loop ends once the wake has been seen.
            while (!pace.WaitForWork())
            {
            }

            Interlocked.Increment(ref woken);
        });
        waiter.Start();

        await Task.Delay(50);
        Volatile.Read(ref woken).Should().Be(0);
        pace.Wake();

        waiter.Join(TimeSpan.FromSeconds(30)).Should().BeTrue();
        Volatile.Read(ref woken).Should().Be(1);
    }
}
