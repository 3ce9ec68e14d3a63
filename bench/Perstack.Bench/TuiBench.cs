using System.Diagnostics;
using System.Globalization;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Driver;
using Perstack.App.Tui.Shell;
using Perstack.Storage.Checkpoints;
using Perstack.Storage.Events;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Runs;
using Perstack.Storage.Search;
using Perstack.TestKit.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace Perstack.Bench;

/// <summary>
/// <c>--tui [rounds]</c>: the workbench on the real Terminal.Gui ANSI driver, headless (rendering into its cell
/// buffer), over the synthetic 100,000-job history. Times, in this process: the first frame (window built, drawn
/// with "loading…"), the history loaded and drawn, then keystroke to redrawn frame for moves and for filter typing
/// (each key injected, then a full layout and draw). Prints min/median/max to stderr (stdout belongs to the driver).
/// </summary>
internal static class TuiBench
{
    /// <param name="rounds">Keys timed per kind.</param>
    /// <param name="cachedFilter">Whether to open the filter and type its first letter while the cached rows show.</param>
    public static async Task RunAsync(int rounds, bool cachedFilter = false)
    {
        var root = SyntheticHistory.EnsureLargeJobsStore();
        var report = new List<string> { $"history: {root} ({SyntheticHistory.LargeJobCount} jobs)" };
        var clock = Stopwatch.StartNew();
        var layout = SyntheticHistory.Layout(root); // its caches (the jobs index) under the benchmarks' cache home
        var locks = new FileJobLocks(layout);
        var dispatcher = new QueueDispatcher();
        var work = new UiWork(dispatcher);
        // The workbench's own driver (its frame output), headless: the library's loop is not run, each key is drawn here.
        using var app = WorkbenchDriver.CreateApplication().App;
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(120, 40);
        app.Driver.Clipboard = new FakeClipboard();
        var jobs = new FileJobStore(layout, locks);
        var services = new WorkbenchServices
        {
            Jobs = jobs,
            Search = new FileHistorySearch(layout, jobs, new FileCheckpointStore(layout), TimeProvider.System),
            Operations = SearchBench.Operations(layout, jobs, locks),
            Checkpoints = new FileCheckpointStore(layout),
            Events = new FileEventStore(layout),
            Locks = locks,
            RunSettings = new FileRunSettingStore(layout),
            ConfiguredExperts = () => [],
        };
        using var workbench = new Workbench(services, work, new ClipboardCopier(new NullOutput(), () => app.Clipboard));
        var token = app.Begin(workbench)!;
        SynchronizationContext.SetSynchronizationContext(null);
        workbench.Start(StartIntent.Browse);
        app.LayoutAndDraw(forceRedraw: true);
        report.Add(Line("first frame (in process, cold: JIT included)", [clock.Elapsed.TotalMilliseconds]));

        // Drawn between drains, as the main loop does: the checked listing starts once the cached rows are drawn.
        bool firstRows = false;
        do
        {
            app.LayoutAndDraw();
            if (!firstRows && app.Driver.ToString()!.Contains(" steps (", StringComparison.Ordinal))
            {
                firstRows = true;
                report.Add(Line("first Job rows drawn (cached listing)", [clock.Elapsed.TotalMilliseconds]));
                if (cachedFilter)
                {
                    // The checked listing has not landed yet (it starts once these rows are drawn): / and a first
                    // letter meet the cached rows, each made only when read.
                    report.Add(Line("cached rows: / (filter opened)", [Timed(() => Press(app, dispatcher, new Key('/')))]));
                    report.Add(Line("cached rows: first letter \"r\"", [Timed(() => Press(app, dispatcher, new Key('r')))]));
                    report.Add($"heading: {app.Driver.ToString()!.Split('\n')[1].Trim().Trim('│').Trim()}");
                    Press(app, dispatcher, Key.Esc);
                }
            }

            await work.IdleAsync().ConfigureAwait(false);
        }
        while (dispatcher.Drain());
        app.LayoutAndDraw(forceRedraw: true);
        report.Add(Line("history listed and drawn", [clock.Elapsed.TotalMilliseconds]));
        report.Add($"heading: {app.Driver.ToString()!.Split('\n')[1].Trim().Trim('│').Trim()}");

        report.Add(Line("Down", Keys(app, dispatcher, rounds, _ => Key.CursorDown)));
        report.Add(Line("j (vi Down)", Keys(app, dispatcher, rounds, _ => Key.J)));
        report.Add(string.Create(CultureInfo.InvariantCulture, $"j allocates {LastKeys.BytesPerKey / 1024.0:F1} KB a key on the main thread; {LastKeys.Collections} gen0 collections in {rounds} keys"));
        report.Add(Line("PageDown/PageUp", Keys(app, dispatcher, rounds, i => i % 2 == 0 ? Key.PageDown : Key.PageUp)));
        report.Add(Line("End/Home", Keys(app, dispatcher, rounds, i => i % 2 == 0 ? Key.End : Key.Home)));
        Press(app, dispatcher, new Key('/'));
        const string typed = "research";
        report.Add(Line($"filter typing \"{typed}\" then Backspace ×{typed.Length}, repeated", Keys(app, dispatcher, rounds, i => (i / typed.Length) % 2 == 0 ? new Key(typed[i % typed.Length]) : Key.Backspace)));
        report.Add($"heading after filtering: {app.Driver.ToString()!.Split('\n')[1].Trim().Trim('│').Trim()}");
        Press(app, dispatcher, Key.Esc);
        report.Add(Line("first letter of a fresh filter (Esc, /, then the letter timed)", FirstLetters(app, dispatcher, rounds)));

        app.End(token);
        app.Dispose();
        Console.Error.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var line in report)
        {
            Console.Error.WriteLine(line);
        }
    }

    // The bytes a key allocated and the collections during the last Keys call, for its report line.
    private static (long BytesPerKey, int Collections) LastKeys;

    private static void Press(IApplication app, QueueDispatcher dispatcher, Key key)
    {
        app.InjectKey(key);
        dispatcher.Drain();
        app.LayoutAndDraw();
    }

    /// <summary>Milliseconds from injecting each key to its frame drawn.</summary>
    private static List<double> Keys(IApplication app, QueueDispatcher dispatcher, int rounds, Func<int, Key> key)
    {
        for (int i = 0; i < 32; i++)
        {
            Press(app, dispatcher, key(i)); // warm-up (JIT of the paths these keys take); 32 keeps typing cycles whole
        }

        var times = new List<double>(rounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0);
        for (int i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Press(app, dispatcher, key(i));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // What a key allocates on the main thread (the collections it brings on are a keystroke's occasional pause).
        LastKeys = ((GC.GetAllocatedBytesForCurrentThread() - allocated) / rounds, GC.CollectionCount(0) - collections);
        return times;
    }

    /// <summary>
    /// The first letter typed into a fresh filter (the costly one: it reads every row, the later ones narrow what it
    /// kept): Esc clears the filter, / opens it again, then the letter is timed.
    /// </summary>
    private static List<double> FirstLetters(IApplication app, QueueDispatcher dispatcher, int rounds)
    {
        const string letters = "reachxz7";
        var times = new List<double>(rounds);
        for (int i = 0; i < rounds + 8; i++)
        {
            Press(app, dispatcher, Key.Esc);
            Press(app, dispatcher, new Key('/'));
            double ms = Timed(() => Press(app, dispatcher, new Key(letters[i % letters.Length])));
            if (i >= 8)
            {
                times.Add(ms); // the first 8 are the warm-up
            }
        }

        Press(app, dispatcher, Key.Esc);
        return times;
    }

    private static double Timed(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Line(string what, List<double> ms)
    {
        ms.Sort();
        return ms.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{what}: {ms[0]:F1} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{what}: min {ms[0]:F2} / median {ms[ms.Count / 2]:F2} / max {ms[^1]:F2} ms ({ms.Count} keys)");
    }

    private sealed class NullOutput : ITerminalOutput
    {
        public void WriteRaw(string sequence)
        {
        }
    }
}
