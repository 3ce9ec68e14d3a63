using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's ANSI input, answering "is there input?" by waiting for it. The library's input loop asks, and on
/// "no" sleeps 20 ms before asking again: a keystroke waited 10 ms on average, 20 at worst, before the UI saw it. Here
/// the question blocks in poll(2) on stdin until a byte arrives (up to <see cref="MaxWait"/>, then the loop's own sleep
/// and a new wait), so the key is read the moment it comes; an idle workbench wakes 4 times a second instead of 50.
/// Not a terminal (tests, pipes) or no poll(2): the library's behaviour, unchanged.
/// </summary>
internal sealed class WaitingInput : AnsiInput
{
    /// <summary>The longest wait before the loop gets its turn (its sleep, its cancellation check).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(250);

    private readonly InputWait? _wait;

    public WaitingInput() => _wait = IsAttachedToTerminal ? InputWait.Create(fd: 0) : null;

    /// <inheritdoc />
    public override bool Peek() => base.Peek() || (_wait is not null && _wait.WaitReadable(MaxWait) && base.Peek());

    /// <summary>Ends a wait in progress and every later one: called before the application stops its input loop.</summary>
    public void Release() => _wait?.Release();

    /// <inheritdoc />
    public override void Dispose()
    {
        _wait?.Dispose();
        base.Dispose();
    }
}
