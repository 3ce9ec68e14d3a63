using System.IO.Pipes;
using FluentAssertions;
using Microsoft.Win32.SafeHandles;
using Perstack.App.Tui.Driver;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>The wait behind the workbench's input: on a real pipe standing in for the terminal's stdin.</summary>
public sealed class InputWaitTests
{
    // Long enough that a wait ending by its timeout cannot pass for one woken by input or a release.
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Ample = TimeSpan.FromSeconds(30);

    private readonly List<SafePipeHandle> _readEnds = [];

    [Test]
    public async Task A_byte_arriving_wakes_the_wait_with_input_to_read()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var wait = Create(terminal);
        var waiting = Task.Run(() => wait.WaitReadable(Long));
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("nothing has been typed yet");

        terminal.WriteByte((byte)'j');

        (await waiting.WaitAsync(Ample)).Should().BeTrue();
    }

    [Test]
    public async Task Release_wakes_a_wait_in_progress_and_every_later_wait_returns_at_once()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var wait = Create(terminal);
        var waiting = Task.Run(() => wait.WaitReadable(Long));
        await Task.Delay(50);

        wait.Release();

        (await waiting.WaitAsync(Ample)).Should().BeFalse("released, not input");
        terminal.WriteByte((byte)'j');
        wait.WaitReadable(Long).Should().BeFalse("a released wait never blocks again, even with input there");
    }

    [Test]
    public void Nothing_to_read_ends_the_wait_at_its_timeout()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var wait = Create(terminal);

        wait.WaitReadable(TimeSpan.FromMilliseconds(20)).Should().BeFalse();
    }

    [Test]
    public void A_hung_up_terminal_counts_as_something_to_read_so_that_the_reader_sees_the_end()
    {
        var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var wait = Create(terminal);
        terminal.Dispose();

        wait.WaitReadable(Long).Should().BeTrue();
    }

    [Test]
    public void Release_after_dispose_and_a_second_dispose_do_nothing()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        var wait = Create(terminal);
        wait.Dispose();

        wait.Invoking(w => w.Release()).Should().NotThrow();
        wait.Invoking(w => w.Dispose()).Should().NotThrow();
        wait.Invoking(w => w.WaitReadable(Long)).Should().Throw<ObjectDisposedException>();
    }

    [TearDown]
    public void CloseReadEnd()
    {
        _readEnds.ForEach(handle => handle.Dispose());
        _readEnds.Clear();
    }

    private InputWait Create(AnonymousPipeServerStream terminal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("poll(2) is Unix only");
        }

        // The wait only polls the read end; the test closes it (once exposed, the pipe stream leaves it open).
        var readEnd = terminal.ClientSafePipeHandle;
        _readEnds.Add(readEnd);
        return InputWait.Create((int)readEnd.DangerousGetHandle())!;
    }
}
