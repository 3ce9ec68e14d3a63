using System.Runtime.CompilerServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Perstack.App.Tui.Driver;

/// <summary>
/// The workbench's terminal driver: Terminal.Gui's ANSI driver with <see cref="WaitingInput"/> for its input,
/// <see cref="FrameOutput"/> for its output, <see cref="LoopPace"/> for its main loop's pace and
/// <see cref="SelectionForecast"/> to write a list move as its key arrives (the tests' headless
/// applications keep the library's own). <see cref="Release"/> comes before the application is disposed: disposal waits
/// for the input loop, which <see cref="Release"/> ends at once.
/// </summary>
internal sealed class WorkbenchDriver : AnsiComponentFactory
{
    // How long the main loop leaves the cores after a key's frame was written ahead (see CreateApplication).
    private static readonly TimeSpan AfterWriteAhead = TimeSpan.FromMilliseconds(1);

    private readonly LoopPace _pace = new();
    private WaitingInput? _input;
    private FrameOutput? _output;
    private SelectionForecast? _forecast;
    private Func<string, bool>? _writeAhead;

    private WorkbenchDriver()
    {
    }

    /// <summary>A new application (not yet initialised) whose terminal is driven by a new <see cref="WorkbenchDriver"/>.</summary>
    public static (IApplication App, WorkbenchDriver Driver) CreateApplication()
    {
        var driver = new WorkbenchDriver();
        MarkInstanceBasedModelUsed(null);
        var app = (IApplication)NewApplication(driver);
        app.Iteration += (_, _) =>
        {
            var forecast = driver.ForecastFor(app);
            forecast?.Prepare();
            driver._pace.WaitForWork(driver._writeAhead);
            if (forecast?.Complete() == true)
            {
                // The key's frame is on the terminal; what is left (the key's dispatch, a pass with nothing to write,
                // the reads ahead) waits a millisecond, leaving the two cores to the terminal and its clients, which
                // draw the frame meanwhile: without it the workbench's first %output reached a tmux control client
                // 1.35–2.2x later than less's line, with it 1.05–1.25x (docs/performance.md).
                Thread.Sleep(AfterWriteAhead);
            }
            LeaveHiddenCursorAlone(app);
        };
        return (app, driver);
    }

    /// <summary>
    /// Terminal.Gui marks the cursor as needing an update and never clears the mark, so every pass of its main loop (100
    /// a second) wrote "hide the cursor, move it home" to the terminal, an idle workbench included. While no view shows
    /// a cursor and the terminal's is hidden, there is nothing to update; a view that shows one (an input field) keeps
    /// the library's behaviour.
    /// </summary>
    private static void LeaveHiddenCursorAlone(IApplication app)
    {
        if (app.Driver is { } driver && !driver.GetCursor().IsVisible && app.TopRunnableView?.MostFocused?.Cursor.IsVisible != true)
        {
            driver.SetCursorNeedsUpdate(false);
        }
    }

    /// <inheritdoc />
    public override IInput<char> CreateInput()
    {
        var input = new WaitingInput(_pace);
        Volatile.Write(ref _input, input);
        return input;
    }

    // Made at the first pass: the output is made by the application's Init, after the application.
    private SelectionForecast? ForecastFor(IApplication app)
    {
        if (_forecast is null && Volatile.Read(ref _output) is { } output)
        {
            _forecast = new SelectionForecast(app, output);
            _writeAhead = _forecast.TryWriteAhead;
        }

        return _forecast;
    }

    /// <inheritdoc />
    public override IOutput CreateOutput()
    {
        var output = new FrameOutput(AppModel);
        Volatile.Write(ref _output, output);
        // What the library's CreateOutput does for its own output: the size is read from the OS when it is polled.
        if (Terminal.Gui.Drivers.Driver.SizeDetection == SizeDetectionMode.Polling)
        {
            TryConfigureNativeSizeQuery(this, output);
        }

        return output;
    }

    /// <summary>Ends the main loop's wait for work: after posting to it from another thread (see <see cref="LoopPace"/>).</summary>
    public void Wake() => _pace.Wake();

    /// <summary>Lets the input loop stop at once (see the class summary).</summary>
    public void Release() => Volatile.Read(ref _input)?.Release();

    // Terminal.Gui 2.5 takes a component factory only through an internal constructor (its public driver registry
    // accepts new names but builds only its own three drivers): what Application.Create does, with this factory. The
    // accessors are checked at the first call, compiled ahead of time too (UnsafeAccessor is AOT-safe); a Terminal.Gui
    // without that constructor fails the workbench's start at once, and WorkbenchDriverTests, rather than silently
    // falling back. Pinned in Directory.Packages.props.
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    [return: UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")]
    private static extern object NewApplication(IComponentFactory componentFactory);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "TryConfigureNativeSizeQuery")]
    private static extern bool TryConfigureNativeSizeQuery(AnsiComponentFactory factory, AnsiOutput output);

    [UnsafeAccessor(UnsafeAccessorKind.StaticMethod, Name = "MarkInstanceBasedModelUsed")]
    private static extern void MarkInstanceBasedModelUsed([UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")] object? type);
}
