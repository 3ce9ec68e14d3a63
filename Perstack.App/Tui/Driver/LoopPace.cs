using Terminal.Gui.App;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// The main loop's rate: quicker while keys come, the everyday rate a moment after the last one. Terminal.Gui sleeps
/// between passes of its loop to hold the rate, and a key read during that sleep waits for it to end: up to 10 ms at
/// the everyday 100 passes a second, on every key of a user scrolling. For a second after a key the loop makes
/// <see cref="Typing"/> passes a second (a wait of 4 ms at most); then <see cref="Idle"/> again, so an idle workbench
/// costs what it did. The first key after a pause still meets the everyday wait.
/// </summary>
internal sealed class LoopPace(TimeProvider time)
{
    /// <summary>
    /// The everyday rate. Terminal.Gui's default, 25, sleeps up to 40 ms after each pass, and what a background read hands
    /// to the UI runs only after that sleep and is drawn one sleep later. At 100 the wait is 10 ms and an idle workbench
    /// still costs next to no CPU (an idle pass draws nothing).
    /// </summary>
    public const ushort Idle = 100;

    /// <summary>The rate while keys come.</summary>
    public const ushort Typing = 250;

    private readonly long _hold = time.TimestampFrequency;
    private long _lastKey;

    /// <summary>Input has arrived (the input thread): the loop speeds up.</summary>
    public void InputArrived()
    {
        Volatile.Write(ref _lastKey, time.GetTimestamp());
        Application.MaximumIterationsPerSecond = Typing;
    }

    /// <summary>A pass of the main loop begins: back to the everyday rate a second after the last key.</summary>
    public void PassStarting()
    {
        if (Application.MaximumIterationsPerSecond != Idle && time.GetTimestamp() - Volatile.Read(ref _lastKey) > _hold)
        {
            Application.MaximumIterationsPerSecond = Idle;
        }
    }
}
