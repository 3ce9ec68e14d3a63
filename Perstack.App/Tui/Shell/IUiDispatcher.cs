namespace Perstack.App.Tui.Shell;

/// <summary>Runs an action on the UI thread.</summary>
internal interface IUiDispatcher
{
    /// <summary>Runs <paramref name="action"/> on the UI thread: at once when called on it, else on its next pass.</summary>
    void Post(Action action);

    /// <summary>
    /// Runs <paramref name="action"/> on the UI thread once the frame being prepared is on the terminal, also when called
    /// on the UI thread: what can follow a key by a frame (a preview) does not hold up the key's own.
    /// </summary>
    void PostAfterFrame(Action action);
}
