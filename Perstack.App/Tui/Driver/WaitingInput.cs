using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's ANSI input, answering "is there input?" by waiting for it a while. The library's input loop asks,
/// and on "no" sleeps 20 ms before asking again: a keystroke waited 10 ms on average before the UI saw it. Here the
/// question blocks in poll(2) on stdin for up to <see cref="MaxWait"/> and returns as soon as a byte arrives, so half
/// the time a key is read the moment it comes (5 ms on average, 20 at worst as before), and an idle workbench wakes 25
/// times a second instead of 50. The wait is no longer: a poll on a terminal is not always woken by the byte that
/// arrives (in tmux, a key sometimes waited for the whole wait: 250 ms when it was 250), and a wait ending by its
/// timeout still finds the byte, so a missed wake costs at most what the library's sleep cost.
/// Not a terminal (tests, pipes) or no poll(2): the library's behaviour, unchanged.
/// </summary>
internal sealed class WaitingInput : AnsiInput
{
    /// <summary>The longest wait before the loop gets its turn (its sleep, its cancellation check): its own sleep's length.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(20);

    private readonly InputWait? _wait;
    private readonly LoopPace? _pace;

    /// <param name="pace">Told when input arrives.</param>
    public WaitingInput(LoopPace? pace = null)
    {
        _wait = IsAttachedToTerminal ? InputWait.Create(fd: 0) : null;
        _pace = pace;
    }

    /// <inheritdoc />
    public override bool Peek()
    {
        bool arrived = base.Peek() || (_wait is not null && _wait.WaitReadable(MaxWait) && base.Peek());
        if (arrived)
        {
            _pace?.InputArrived();
        }

        return arrived;
    }

    /// <summary>Ends a wait in progress and every later one: called before the application stops its input loop.</summary>
    public void Release() => _wait?.Release();

    /// <inheritdoc />
    public override void Dispose()
    {
        _wait?.Dispose();
        base.Dispose();
    }
}
