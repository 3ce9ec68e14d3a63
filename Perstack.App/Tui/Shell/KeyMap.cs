using Perstack.App.Tui.Controls;
using Terminal.Gui.Input;

namespace Perstack.App.Tui.Shell;

/// <summary>The per-screen key tables: data, from which both the bindings and the status bar are generated.</summary>
internal static class KeyMap
{
    /// <summary>The command each action is bound through (any distinct command the list view does not use itself).</summary>
    public static Command CommandOf(TuiAction action) => action switch
    {
        TuiAction.Open => Command.Accept,
        TuiAction.Checkpoints => Command.Expand,
        TuiAction.Events => Command.Open,
        TuiAction.NewRun => Command.New,
        TuiAction.Back => Command.Cancel,
        TuiAction.Filter => Command.Find,
        TuiAction.Copy => Command.Copy,
        TuiAction.Delete => Command.Cut,
        TuiAction.Refresh => Command.Refresh,
        TuiAction.Quit => Command.Quit,
        TuiAction.TypeExpert => Command.Edit,
        TuiAction.History => Command.Context,
        TuiAction.Wrap => Command.ToggleOverwrite,
        TuiAction.NextMatch => Command.FindNext,
        TuiAction.PreviousMatch => Command.FindPrevious,
        TuiAction.ScrollLeft => Command.WordLeft,
        TuiAction.ScrollRight => Command.WordRight,
        TuiAction.Transcript => Command.ZoomIn,
        TuiAction.Search => Command.Replace,
        TuiAction.Help => Command.Center,
        TuiAction.Rename => Command.Insert,
        TuiAction.Fork => Command.ZoomOut,
        TuiAction.Export => Command.SaveAs,
        TuiAction.Sort => Command.Arrange,
        TuiAction.Pane => Command.NextTabStop,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static KeyBind[] Common(params KeyBind[] specific) =>
    [
        .. specific,
        new(Key.Esc, null, null, TuiAction.Back),
        new(Key.F.WithCtrl, "Ctrl+F", "search", TuiAction.Search),
        new(new Key('/'), "/", "filter", TuiAction.Filter),
        new(new Key('?'), "?", "help", TuiAction.Help),
        new(Key.R, "r", "refresh", TuiAction.Refresh),
        new(Key.Q, "q", "quit", TuiAction.Quit),
        new(Key.C.WithCtrl, null, null, TuiAction.Quit),
    ];

    // t is "title" wherever a job is selected (history, checkpoints); the transcript is v ("view") so the two never
    // share a key. A table binding one key twice would run only one of its actions (KeyMapTests checks it).
    public static IReadOnlyList<KeyBind> History { get; } = Common(
        new(Key.Enter, "Enter", "resume", TuiAction.Open),
        new(Key.C, "c", "checkpoints", TuiAction.Checkpoints),
        new(Key.N, "n", "new run", TuiAction.NewRun),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.T, "t", "title", TuiAction.Rename),
        new(Key.X, "x", "export", TuiAction.Export),
        new(Key.D, "d", "delete", TuiAction.Delete),
        new(Key.S, "s", "sort", TuiAction.Sort),
        new(Key.Tab, "Tab", "preview", TuiAction.Pane),
        new(Key.Tab.WithShift, null, null, TuiAction.Pane));

    public static IReadOnlyList<KeyBind> Checkpoints { get; } = Common(
        new(Key.Enter, "Enter", "resume here", TuiAction.Open),
        new(Key.E, "e", "events", TuiAction.Events),
        new(Key.V, "v", "view transcript", TuiAction.Transcript),
        new(Key.F, "f", "fork", TuiAction.Fork),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.T, "t", "title", TuiAction.Rename),
        new(Key.X, "x", "export", TuiAction.Export),
        new(Key.D, "d", "delete", TuiAction.Delete),
        new(Key.B, "b/Esc", "back", TuiAction.Back),
        new(Key.Tab, "Tab", "messages", TuiAction.Pane),
        new(Key.Tab.WithShift, null, null, TuiAction.Pane));

    /// <summary>Full-text search results (the query line has its own keys: Enter to the results, Esc back).</summary>
    public static IReadOnlyList<KeyBind> Search { get; } =
    [
        new(Key.Enter, "Enter", "open", TuiAction.Open),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.F.WithCtrl, "Ctrl+F", "edit query", TuiAction.Filter),
        new(new Key('/'), null, null, TuiAction.Filter),
        new(Key.B, "b/Esc", "back", TuiAction.Back),
        new(Key.Esc, null, null, TuiAction.Back),
        new(new Key('?'), "?", "help", TuiAction.Help),
        new(Key.Q, "q", "quit", TuiAction.Quit),
        new(Key.C.WithCtrl, null, null, TuiAction.Quit),
    ];

    public static IReadOnlyList<KeyBind> Events { get; } = Common(
        new(Key.Enter, "Enter", "detail", TuiAction.Open),
        new(Key.V, "v", "view transcript", TuiAction.Transcript),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.B, "b/Esc", "back", TuiAction.Back));

    /// <summary>The keys of a text shown whole (a payload, a transcript): sideways, wrap, search, copy.</summary>
    private static KeyBind[] Pager() =>
    [
        new(Key.CursorLeft, "←→", "sideways", TuiAction.ScrollLeft),
        new(Key.CursorRight, null, null, TuiAction.ScrollRight),
        new(Key.W, "w", "wrap", TuiAction.Wrap),
        new(new Key('/'), "/", "search", TuiAction.Filter),
        new(Key.N, "n/N", "next/previous match", TuiAction.NextMatch),
        new(Key.N.WithShift, null, null, TuiAction.PreviousMatch),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.B, "b/Esc", "back", TuiAction.Back),
        new(Key.Esc, null, null, TuiAction.Back),
        new(new Key('?'), "?", "help", TuiAction.Help),
        new(Key.Q, "q", "quit", TuiAction.Quit),
        new(Key.C.WithCtrl, null, null, TuiAction.Quit),
    ];

    public static IReadOnlyList<KeyBind> EventDetail { get; } = Pager();

    /// <summary>A checkpoint's conversation as text.</summary>
    public static IReadOnlyList<KeyBind> Transcript { get; } = Pager();

    public static IReadOnlyList<KeyBind> Experts { get; } = Common(
        new(Key.Enter, "Enter", "select", TuiAction.Open),
        new(Key.I, "i", "type a key", TuiAction.TypeExpert),
        new(Key.H, "h", "history", TuiAction.History),
        new(Key.B, "b/Esc", "back", TuiAction.Back));

    /// <summary>
    /// Help from any screen, text fields included: a field takes <c>?</c> as a character but not F1, which reaches the
    /// window (<see cref="Workbench"/> binds it). Lists bind <c>?</c> as well.
    /// </summary>
    public static KeyBind HelpAnywhere { get; } = new(Key.F1, "F1", "help", TuiAction.Help);

    /// <summary>Query entry: the input field handles these keys itself; the table names them for the hints.</summary>
    public static IReadOnlyList<KeyBind> Query { get; } =
    [
        new(Key.Enter, "Enter", "start", TuiAction.Open),
        new(Key.Esc, "Esc", "back", TuiAction.Back),
        HelpAnywhere,
        new(Key.C.WithCtrl, "Ctrl+C", "quit", TuiAction.Quit),
    ];

    /// <summary>The execution panel's activity log.</summary>
    public static IReadOnlyList<KeyBind> Execution { get; } =
    [
        new(Key.Esc, "Esc/q", "back to history", TuiAction.Back),
        new(Key.Q, null, null, TuiAction.Back),
        new(Key.C.WithCtrl, "Ctrl+C", "cancel the run", TuiAction.Quit),
        new(Key.Y, "y", "copy job id", TuiAction.Copy),
        new(Key.Tab, "Tab", "continue box", TuiAction.Open),
        new(new Key('?'), "?/F1", "help", TuiAction.Help),
    ];

    /// <summary>
    /// The execution screen's continue box: the input field handles these keys itself (Tab/↑↓ are the focus moves back
    /// to the log); the table names them for the hints. Part of the Execution screen, so not in <see cref="Screens"/>.
    /// </summary>
    public static IReadOnlyList<KeyBind> FollowUp { get; } =
    [
        new(Key.Enter, "Enter", "send", TuiAction.Open),
        new(Key.Esc, "Esc", "back to history", TuiAction.Back),
        new(Key.Tab, "Tab/↑↓", "log", TuiAction.Open),
        HelpAnywhere,
    ];

    /// <summary>Every screen's table, for the docs check.</summary>
    public static IReadOnlyList<(Screen Screen, IReadOnlyList<KeyBind> Keys)> Screens { get; } =
    [
        (Screen.History, History),
        (Screen.Checkpoints, Checkpoints),
        (Screen.Events, Events),
        (Screen.EventDetail, EventDetail),
        (Screen.Transcript, Transcript),
        (Screen.Experts, Experts),
        (Screen.Query, Query),
        (Screen.Execution, Execution),
        (Screen.Search, Search),
    ];

    /// <summary>
    /// The status-bar hints of a table: navigation first, then each shown binding that <paramref name="available"/>
    /// allows now (a key that would be refused is not offered).
    /// </summary>
    public static IReadOnlyList<KeyHint> Hints(IReadOnlyList<KeyBind> table, bool scrolling = true, Func<TuiAction, bool>? available = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var hints = new List<KeyHint>();
        if (scrolling)
        {
            hints.Add(new KeyHint("↑↓/jk PgUp/PgDn Home/End/gG move", HintKind.Move));
        }

        hints.AddRange(table
            .Where(b => b.KeyLabel is not null && (available?.Invoke(b.Action) ?? true))
            .Select(b => new KeyHint($"{b.KeyLabel} {b.Hint}", b.Action == TuiAction.Help ? HintKind.Help : HintKind.Action)));
        return hints;
    }
}
