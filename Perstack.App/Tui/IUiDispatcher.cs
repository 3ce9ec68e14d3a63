namespace Perstack.App.Tui;

/// <summary>Runs an action on the UI thread.</summary>
internal interface IUiDispatcher
{
    void Post(Action action);
}
