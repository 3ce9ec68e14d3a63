using Perstack.App.Features.Jobs;
using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Actions;
using Perstack.App.Tui.Screens.Common;
using Perstack.App.Tui.Screens.Execution;
using Perstack.App.Tui.Screens.Experts;
using Perstack.App.Tui.Shell;
using Perstack.Core.Jobs;
using Perstack.Storage.Files;
using Perstack.Storage.Jobs;
using Perstack.Storage.Search;
using Perstack.TestKit.Files;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Perstack.TestKit.Tui;

/// <summary>
/// A headless workbench over a copy of the fixture history (or over given services, such as the composition root's for
/// a bucket): the ANSI driver renders into memory, keys are injected, and loads are awaited then applied (no sleeps).
/// </summary>
internal sealed class TuiHarness : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SessionToken _token;

    private TuiHarness(int width, int height, Func<string, Perstack.Core.Storage.IJobStore?>? jobStore, IReadOnlyList<string>? configured, IReadOnlyDictionary<string, string>? descriptions, Func<Stores, IRunLauncher>? launcher, bool copyFixture, string? store, string? configPath, WorkbenchServices? given, Func<Perstack.Core.Storage.IRunSettingStore, Perstack.Core.Storage.IRunSettingStore>? runSettings, Task<IReadOnlyList<Perstack.Core.Domain.Job>?>? earlyCachedHead)
    {
        Store = store ?? Path.Combine(_temp.Path, "perstack");
        ConfigPath = configPath ?? Path.Combine(_temp.Path, "perstack.toml");
        if (store is null && copyFixture)
        {
            Fixture.CopyTo(Store);
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(Store, "jobs"));
        }

        Stores = new Stores(Store, _temp.CacheHome);
        App = Application.Create(new VirtualTimeProvider());
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Clipboard = new FakeClipboard();
        App.Driver.Clipboard = Clipboard;
        Work = new UiWork(Dispatcher);
        var jobs = jobStore?.Invoke(Store) ?? Stores.Jobs;
        var files = new FileJobFiles(Stores.Layout);
        Search = new FileHistorySearch(Stores.Layout, jobs, Stores.Checkpoints, TimeProvider.System);
        var services = given ?? new WorkbenchServices
        {
            Jobs = jobs,
            Search = Search,
            Operations = new JobOperations(
                new JobForker(jobs, Stores.Checkpoints, Stores.RunSettings, files, TimeProvider.System),
                new JobsTitleHandler(jobs, files, Stores.Locks),
                new JobsExportHandler(new StoredJobReader(jobs, Stores.Checkpoints, Stores.Events, Stores.RunSettings), Stores.Locks, new AtomicFileWriter()),
                new JobDeleter(jobs)),
            ResumeFlags = new ResumeFlags(Store, ConfigPath),
            Checkpoints = Stores.Checkpoints,
            Events = Stores.Events,
            Locks = Stores.Locks,
            RunSettings = runSettings?.Invoke(Stores.RunSettings) ?? Stores.RunSettings,
            Clock = Clock,
            ConfiguredExperts = () => configured?.Select(k => new ExpertChoice(k, descriptions?.GetValueOrDefault(k))).ToList()
                ?? throw new Perstack.Core.Domain.PerstackException("perstack.toml not found. Create one or specify --config path."),
            Launcher = launcher?.Invoke(Stores),
            EarlyCachedHead = earlyCachedHead,
        };
        Workbench = new Workbench(services, Work, new ClipboardCopier(Output, () => App.Clipboard));
        Workbench.AttachKeyboard(App);
        _token = App.Begin(Workbench)!;

        // Init installs the main loop's synchronization context on this thread; no loop pumps it in a test, so
        // awaits in the test would never resume. Loads post through the QueueDispatcher instead.
        SynchronizationContext.SetSynchronizationContext(null);
    }

    /// <summary>
    /// The workbench's clock: three minutes after the fixture's newest job started, so rows say "3 min ago" whatever
    /// the day the tests run.
    /// </summary>
    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeMilliseconds(1795738495566 + 180_000);

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(Now);

    public string Store { get; }

    /// <summary>The <c>--config</c> the workbench runs with (a copied resume command carries it).</summary>
    public string ConfigPath { get; }

    public FileHistorySearch Search { get; }

    public Stores Stores { get; }

    public IApplication App { get; }

    public FakeClipboard Clipboard { get; }

    public QueueDispatcher Dispatcher { get; } = new();

    public UiWork Work { get; }

    public CapturedOutput Output { get; } = new();

    public Workbench Workbench { get; }

    public static async Task<TuiHarness> StartAsync(
        int width = 120,
        int height = 30,
        StartIntent? intent = null,
        IReadOnlyList<string>? configured = null,
        Func<Stores, IRunLauncher>? launcher = null,
        bool copyFixture = true,
        Func<string, Perstack.Core.Storage.IJobStore?>? jobStore = null,
        bool settle = true,
        IReadOnlyDictionary<string, string>? descriptions = null,
        string? store = null,
        string? configPath = null,
        WorkbenchServices? services = null,
        Func<Perstack.Core.Storage.IRunSettingStore, Perstack.Core.Storage.IRunSettingStore>? runSettings = null,
        Task<IReadOnlyList<Perstack.Core.Domain.Job>?>? earlyCachedHead = null)
    {
        var harness = new TuiHarness(width, height, jobStore, configured, descriptions, launcher, copyFixture, store, configPath, services, runSettings, earlyCachedHead);
        harness.Workbench.Start(intent ?? StartIntent.Browse);
        if (settle)
        {
            await harness.SettleAsync();
        }

        return harness;
    }

    /// <summary>
    /// Waits for every background load and applies what they posted, drawing in between as the main loop does (a load
    /// may wait for a frame: the history's listing starts once its cached rows are drawn), until nothing is left.
    /// </summary>
    public async Task SettleAsync()
    {
        do
        {
            App.LayoutAndDraw();
            await Work.IdleAsync();
        }
        while (Dispatcher.Drain());
    }

    /// <summary>
    /// Applies what loads posted, without waiting for loads held back (a gated store), until <paramref name="shown"/>
    /// holds or five seconds have passed; whether it holds.
    /// </summary>
    public async Task<bool> DrainUntilAsync(Func<bool> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        for (int i = 0; i < 500 && !shown(); i++)
        {
            Dispatcher.Drain();
            await Task.Delay(10);
        }

        return shown();
    }

    /// <summary>Injects keys, settling after each.</summary>
    public async Task PressAsync(params Key[] keys)
    {
        foreach (var key in keys)
        {
            App.InjectKey(key);
            await SettleAsync();
        }
    }

    public async Task TypeAsync(string text)
    {
        foreach (var c in text)
        {
            await PressAsync(new Key(c));
        }
    }

    public string Screen()
    {
        App.LayoutAndDraw(forceRedraw: true);
        return App.Driver!.ToString()!;
    }

    public string[] Lines() => Screen().Split('\n');

    /// <summary>Screen lines with the window border and trailing blanks removed.</summary>
    public string[] Rows() => Lines().Select(l => l.Trim().Trim('│').Trim()).ToArray();

    /// <summary>The text style drawn at a screen cell (after <see cref="Screen"/> or <see cref="Lines"/> drew it).</summary>
    public Terminal.Gui.Drawing.TextStyle StyleAt(int row, int col) => App.Driver!.Contents![row, col].Attribute!.Value.Style;

    /// <summary>The first <paramref name="count"/> rows of the list on screen (below the title and heading rows).</summary>
    public string[] ListRows(int count) => Rows().Skip(2).Take(count).ToArray();

    public void Dispose()
    {
        App.End(_token);
        Workbench.Dispose();
        App.Dispose();
        _temp.Dispose();
    }
}
