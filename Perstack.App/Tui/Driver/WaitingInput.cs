using System.Collections.Concurrent;
using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's ANSI input with an input loop that waits for the terminal instead of sleeping. The library's loop
/// asks "is there input?" without waiting and, on "no", sleeps 20 ms: a keystroke waited 10 ms on average before the
/// UI saw it (and 20 at worst, even when the question itself waited a while, since every "no" was followed by the
/// sleep). Here the loop blocks in poll(2) on stdin, reads what arrived the moment it arrives, queues it and wakes the
/// main loop (<see cref="LoopPace"/>). The poll is made in slices of <see cref="MaxWait"/>, each asking again, so a
/// wake the terminal failed to deliver (seen once in tmux) costs at most what the library's sleep cost; cancellation
/// ends a slice at once. Not a terminal (tests, pipes) or no poll(2): the library's loop, unchanged.
/// </summary>
internal sealed class WaitingInput : AnsiInput, IInput<char>
{
    /// <summary>The longest single wait before the terminal is asked again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(20);

    private readonly InputWait? _wait;
    private readonly LoopPace? _pace;
    private ConcurrentQueue<char>? _queue;
    private readonly System.Text.StringBuilder _read = new();

    // The longest input that may be one key written ahead (an arrow's escape sequence).
    private const int MaxWrittenAhead = 3;

    /// <param name="pace">Woken when input has been queued for the main loop.</param>
    public WaitingInput(LoopPace? pace = null)
    {
        _wait = IsAttachedToTerminal ? InputWait.Create(fd: 0) : null;
        _pace = pace;
    }

    // Terminal.Gui's InputImpl.Initialize and Run are not virtual: the interface is implemented again so the library's
    // input thread, which calls them through IInput, gets these.
    void IInput<char>.Initialize(ConcurrentQueue<char> inputQueue)
    {
        _queue = inputQueue;
        Initialize(inputQueue);
    }

    void IInput<char>.Run(CancellationToken runCancellationToken)
    {
        if (_wait is null || _queue is null)
        {
            Run(runCancellationToken);
            return;
        }

        using var linked = ExternalCancellationTokenSource is { } external
            ? CancellationTokenSource.CreateLinkedTokenSource(runCancellationToken, external.Token)
            : null;
        var token = linked?.Token ?? runCancellationToken;
        using var stop = token.Register(Release);
        while (!token.IsCancellationRequested && !_wait.IsReleased)
        {
            if (Peek() || (_wait.WaitReadable(MaxWait) && Peek()))
            {
                // What this read brought, when the queue held nothing before it: the main loop may write a key's
                // effect ahead of reading it (LoopPace.Wake(string)).
                bool alone = _queue.IsEmpty;
                _read.Clear();
                foreach (var c in Read())
                {
                    _queue.Enqueue(c);
                    _read.Append(c);
                }

                if (_read.Length > 0)
                {
                    _pace?.Wake(alone && _read.Length <= MaxWrittenAhead ? _read.ToString() : null);
                }
                else
                {
                    // Ready with nothing to read: the terminal hung up or failed (TerminalHangupWatch ends the
                    // workbench); until then the loop must not spin on a descriptor that stays ready.
                    Thread.Sleep(MaxWait);
                }
            }
        }
    }

    /// <summary>Ends a wait in progress and the input loop: called before the application stops its input loop.</summary>
    public void Release() => _wait?.Release();

    /// <inheritdoc />
    public override void Dispose()
    {
        _wait?.Dispose();
        base.Dispose();
    }
}
