using Terminal.Gui.App;

namespace Perstack.App.Tui.Shell;

/// <summary>The application's main loop (<see cref="IApplication.Invoke(Action)"/>).</summary>
internal sealed class AppDispatcher(IApplication app) : IUiDispatcher
{
    public void Post(Action action) => app.Invoke(action);
}
