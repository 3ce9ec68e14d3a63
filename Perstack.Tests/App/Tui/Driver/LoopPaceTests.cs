using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Perstack.App.Tui.Driver;
using Terminal.Gui.App;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>The main loop runs quicker for a second after input arrives, then at its everyday rate again.</summary>
[NonParallelizable]
public sealed class LoopPaceTests
{
    private ushort _rate;

    [SetUp]
    public void SaveRate() => _rate = Application.MaximumIterationsPerSecond;

    [TearDown]
    public void RestoreRate() => Application.MaximumIterationsPerSecond = _rate;

    [Test]
    public void Input_speeds_the_loop_up_for_a_second_after_the_last_key()
    {
        var time = new FakeTimeProvider();
        var pace = new LoopPace(time);
        Application.MaximumIterationsPerSecond = LoopPace.Idle;

        pace.InputArrived();
        Application.MaximumIterationsPerSecond.Should().Be(LoopPace.Typing);

        time.Advance(TimeSpan.FromMilliseconds(900));
        pace.PassStarting();
        Application.MaximumIterationsPerSecond.Should().Be(LoopPace.Typing, "the last key came 0.9 s ago");

        pace.InputArrived();
        time.Advance(TimeSpan.FromMilliseconds(900));
        pace.PassStarting();
        Application.MaximumIterationsPerSecond.Should().Be(LoopPace.Typing, "each key holds the pace a second more");

        time.Advance(TimeSpan.FromMilliseconds(200));
        pace.PassStarting();
        Application.MaximumIterationsPerSecond.Should().Be(LoopPace.Idle, "a second after the last key");
    }

    [Test]
    public void Without_input_the_loop_keeps_its_everyday_rate()
    {
        var pace = new LoopPace(new FakeTimeProvider());
        Application.MaximumIterationsPerSecond = LoopPace.Idle;

        pace.PassStarting();

        Application.MaximumIterationsPerSecond.Should().Be(LoopPace.Idle);
        LoopPace.Typing.Should().BeGreaterThan(LoopPace.Idle);
    }
}
