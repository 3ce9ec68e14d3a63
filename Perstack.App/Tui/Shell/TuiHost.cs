using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Driver;
using Perstack.Core.Domain;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace Perstack.App.Tui.Shell;

/// <summary>Runs the workbench full-screen; disposing the application restores the terminal, also after a crash (unless the terminal is gone).</summary>
internal static class TuiHost
{
    /// <summary>
    /// Runs until the user quits or <paramref name="shutdown"/> fires (a signal): then a run in progress is cancelled
    /// and recorded before the workbench closes. Returns the run cancelled that way, if any.
    /// </summary>
    public static (JobId JobId, string ExpertKey)? Run(WorkbenchServices services, StartIntent intent, CancellationToken shutdown)
    {
        TerminalGuiConfiguration.EnsureApplied();
        Application.MaximumIterationsPerSecond = LoopPace.LibraryRate;
        var (app, driver) = WorkbenchDriver.CreateApplication();
        app.Init();
        try
        {
            // The Terminal.Gui edge: the dispatcher and the clipboard need the running IApplication, which exists only
            // from here on, so they are made here rather than registered in Composition with the other services.
            var dispatcher = new AppDispatcher(app, driver.Wake);
            using var workbench = new Workbench(services, new UiWork(dispatcher), new ClipboardCopier(new DriverOutput(app), () => app.Clipboard));
            workbench.AttachKeyboard(app);
            workbench.QuitRequested += (_, _) => app.RequestStop();
            workbench.Start(intent);
            if (TerminalGuiConfiguration.Problem() is { } problem)
            {
                workbench.SetMessage(problem);
            }
            using (shutdown.Register(() => dispatcher.Post(workbench.Shutdown)))
            {
                app.Run(workbench);
            }

            return workbench.Execution.CancelledOnQuit;
        }
        finally
        {
            // With the terminal gone there is nothing to restore, and the library's disposal waits for its input loop,
            // which reads end-of-file forever: the process never ended (see TerminalHangupWatch).
            if (!TerminalHangupWatch.IsHungUp())
            {
                driver.Release();
                app.Dispose();
            }
        }
    }
}
