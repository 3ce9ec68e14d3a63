using Perstack.App.Tui.Controls;
using Perstack.App.Tui.Screens.Checkpoints;
using Perstack.App.Tui.Screens.EventDetail;
using Perstack.App.Tui.Screens.Events;
using Perstack.App.Tui.Screens.Experts;
using Perstack.App.Tui.Screens.History;
using Perstack.App.Tui.Screens.Search;
using Perstack.App.Tui.Screens.Transcript;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The workbench's browsing screens, one controller each, and which of them a <see cref="Screen"/> is (query entry
/// and the execution panel are not browsers: they have no list, no filter and no copy menu).
/// </summary>
internal sealed class BrowserScreens
{
    public BrowserScreens(IWorkbenchShell shell)
    {
        History = new HistoryController(shell);
        Checkpoints = new CheckpointsController(shell);
        Events = new EventsController(shell);
        EventDetail = new EventDetailController(shell);
        Transcript = new TranscriptController(shell);
        Experts = new ExpertsController(shell);
        Search = new SearchController(shell);
        All = [History, Checkpoints, Events, EventDetail, Transcript, Experts, Search];
    }

    public HistoryController History { get; }

    public CheckpointsController Checkpoints { get; }

    public EventsController Events { get; }

    public EventDetailController EventDetail { get; }

    public TranscriptController Transcript { get; }

    public ExpertsController Experts { get; }

    public SearchController Search { get; }

    /// <summary>Every browsing screen, in the order their views are added to the window.</summary>
    public IReadOnlyList<BrowserController> All { get; }

    /// <summary>The browser that shows <paramref name="screen"/>; null for query entry and the execution panel.</summary>
    public BrowserController? Of(Screen screen) => screen switch
    {
        Screen.History => History,
        Screen.Checkpoints => Checkpoints,
        Screen.Events => Events,
        Screen.EventDetail => EventDetail,
        Screen.Transcript => Transcript,
        Screen.Experts => Experts,
        Screen.Search => Search,
        _ => null,
    };
}
