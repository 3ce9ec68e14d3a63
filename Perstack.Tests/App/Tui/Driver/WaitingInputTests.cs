using System.Collections.Concurrent;
using FluentAssertions;
using Perstack.App.Tui.Driver;
using Terminal.Gui.Drivers;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// The workbench's input loop. On a terminal it is exercised by the native pty tests (keys reach the workbench, q ends
/// it); here: that Terminal.Gui's input thread, which calls through the interface, gets it, and the fallback off a terminal.
/// </summary>
public sealed class WaitingInputTests
{
    private static readonly TimeSpan Ample = TimeSpan.FromSeconds(30);

    [TestCase(nameof(IInput<char>.Run))]
    [TestCase(nameof(IInput<char>.Initialize))]
    public void The_library_calling_through_its_interface_reaches_the_workbench_loop(string method)
    {
        var map = typeof(WaitingInput).GetInterfaceMap(typeof(IInput<char>));

        var target = map.TargetMethods[Array.FindIndex(map.InterfaceMethods, m => m.Name == method)];

        target.DeclaringType.Should().Be<WaitingInput>("Terminal.Gui's own loop sleeps 20 ms whenever no key is waiting");
    }

    [Test]
    public async Task Off_a_terminal_the_library_loop_queues_input_and_stops_when_cancelled()
    {
        IInput<char> input = new WaitingInput(new LoopPace());
        var queue = new ConcurrentQueue<char>();
        input.Initialize(queue);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => input.Run(stop.Token));

        ((ITestableInput<char>)input).InjectInput('j');
        var deadline = DateTime.UtcNow + Ample;
        while (queue.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        var ended = await Task.WhenAny(loop, Task.Delay(Ample));

        ended.Should().BeSameAs(loop);
        queue.Should().Equal('j');
        input.Dispose();
    }
}
