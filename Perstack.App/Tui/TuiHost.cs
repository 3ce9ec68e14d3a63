using Perstack.App.Tui.Controls;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Perstack.App.Tui;

/// <summary>Runs the workbench full-screen; disposing the application restores the terminal, also after a crash.</summary>
internal static class TuiHost
{
    public static int Run(WorkbenchServices services, StartIntent intent)
    {
        using IApplication app = Application.Create().Init();
        using var workbench = new Workbench(services, new UiWork(new AppDispatcher(app)), new ClipboardCopier(new DriverOutput(app), () => app.Clipboard));
        workbench.AttachKeyboard(app);
        workbench.QuitRequested += (_, _) => app.RequestStop();
        workbench.Start(intent);
        app.Run(workbench);
        return 0;
    }
}
