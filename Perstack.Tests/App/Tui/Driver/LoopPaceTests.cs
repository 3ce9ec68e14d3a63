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

    [Test]
    public async Task Input_read_while_the_loop_waits_is_given_to_the_write_ahead_before_the_wait_ends()
    {
        var pace = new LoopPace();
        var given = new List<string>();
        bool waiting = false;
        var waiter = new Thread(() =>
        {
            Volatile.Write(ref waiting, true);
            while (!pace.WaitForWork(input =>
            {
                given.Add(input);
                return true;
            }))
            {
            }

            Volatile.Write(ref waiting, false);
        });
        waiter.Start();
        while (!Volatile.Read(ref waiting))
        {
            await Task.Delay(1);
        }

        await Task.Delay(30);
        pace.Wake("j");

        waiter.Join(TimeSpan.FromSeconds(30)).Should().BeTrue();
        given.Should().Equal("j");
    }

    [Test]
    public void Input_read_while_the_loop_is_busy_or_already_woken_is_not_written_ahead()
    {
        var pace = new LoopPace();
        var given = new List<string>();

        pace.Wake("j"); // no wait in progress: the loop is in its pass
        pace.WaitForWork(input =>
        {
            given.Add(input);
            return true;
        }).Should().BeTrue();
        pace.Wake(); // a posted action: the next wait ends at once, with work besides the key
        pace.Wake("k");

        given.Should().BeEmpty();
        pace.WaitForWork(_ => true).Should().BeTrue();
    }
}
