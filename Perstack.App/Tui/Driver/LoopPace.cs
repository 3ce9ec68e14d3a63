namespace Perstack.App.Tui.Driver;

/// <summary>
/// The main loop's pace: a pass begins as soon as there is something to do, or every <see cref="Period"/>. Terminal.Gui
/// sleeps a fixed time after each pass of its loop, and a key read during that sleep waited for it to end (up to 10 ms
/// at 100 passes a second; a quicker rate while keys came still left the first key after a pause to wait, and cost CPU).
/// The workbench turns that sleep off (<see cref="LibraryRate"/>) and waits here instead, at the start of each pass,
/// until input has been queued or work posted from another thread (<see cref="Wake"/>), or for at most the period: the
/// library's timers, resize check and its own chores keep their 100 passes a second, and an idle workbench costs what
/// it did.
/// </summary>
internal sealed class LoopPace
{
    /// <summary>
    /// The rate given to the library: a pass of 1 ms, from which it subtracts the pass's own time and sleeps only a
    /// remainder of a whole millisecond or more, that is never (<c>ApplicationMainLoop.Iteration</c>).
    /// </summary>
    public const ushort LibraryRate = 1000;

    /// <summary>The longest wait between passes: Terminal.Gui's timers (spinners, clocks) run at most this late.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    // Monitor.Wait needs a plain object (System.Threading.Lock has no wait); nothing to dispose, nothing spins.
    private readonly object _gate = new();
    private bool _woken;
    private Func<string, bool>? _writeAhead;

    /// <summary>Something is queued for the main loop (input, a posted action): the wait in progress, or the next, ends at once.</summary>
    public void Wake() => Wake(input: null);

    /// <summary>
    /// <paramref name="input"/> was read and queued for the main loop (alone in its queue): as <see cref="Wake()"/>, and
    /// first, while the main loop waits with nothing else to do, it is given to the wait's write-ahead (see
    /// <see cref="WaitForWork"/>), on this thread, the main loop held in its wait until it returns.
    /// </summary>
    public void Wake(string? input)
    {
        lock (_gate)
        {
            if (input is not null && !_woken && _writeAhead is { } writeAhead)
            {
                writeAhead(input);
            }

            _woken = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// Waits (the main loop, before a pass) for <see cref="Wake()"/> or the period; true when woken. The mark is cleared
    /// before the pass reads its queues, so what is queued after that ends the next wait at once.
    /// While it waits, <paramref name="writeAhead"/> may be called with input read (<see cref="Wake(string)"/>) from the
    /// input thread: the main loop's state is as it left it, and stays so until the call returns (the wait cannot end
    /// before), so what it reads is safe to read and what it writes to the terminal cannot mix with a frame.
    /// </summary>
    public bool WaitForWork(Func<string, bool>? writeAhead = null)
    {
        lock (_gate)
        {
            if (!_woken)
            {
                _writeAhead = writeAhead;
                Monitor.Wait(_gate, Period);
                _writeAhead = null;
            }

            var woken = _woken;
            _woken = false;
            return woken;
        }
    }
}
