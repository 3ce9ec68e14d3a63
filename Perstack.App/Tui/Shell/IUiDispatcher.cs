namespace Perstack.App.Tui.Shell;

/// <summary>Runs an action on the UI thread.</summary>
internal interface IUiDispatcher
{
    void Post(Action action);
}
