using Terminal.Gui.App;

namespace Perstack.App.Tui.Shell;

/// <summary>The application's main loop (<see cref="IApplication.Invoke(Action)"/>); <paramref name="wake"/> ends its wait for work, so the action runs at once.</summary>
internal sealed class AppDispatcher(IApplication app, Action? wake = null) : IUiDispatcher
{
    public void Post(Action action)
    {
        app.Invoke(action);
        wake?.Invoke();
    }

    /// <inheritdoc />
    public void PostAfterFrame(Action action)
    {
        // A timeout due now runs in the pass's timers, which come after its layout and draw; Invoke would run it at
        // once on the UI thread.
        app.AddTimeout(TimeSpan.Zero, () =>
        {
            action();
            return false;
        });
        wake?.Invoke();
    }
}
