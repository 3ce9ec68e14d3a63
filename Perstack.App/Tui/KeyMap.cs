using Terminal.Gui.Input;

namespace Perstack.App.Tui;

/// <summary>What a key does on a screen.</summary>
internal enum TuiAction
{
    Open,
    Checkpoints,
    Events,
    NewRun,
    Back,
    Filter,
    Copy,
    Delete,
    Refresh,
    Quit,
    TypeExpert,
    History,
}

/// <summary>
/// One key binding: the key, the label shown in the status bar (null = not shown), the action, and the
/// Terminal.Gui command it is bound through (list views swallow letter keys unless bound as commands).
/// </summary>
internal sealed record KeyBind(Key Key, string? KeyLabel, string? Hint, TuiAction Action);

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
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static KeyBind[] Common(params KeyBind[] specific) =>
    [
        .. specific,
        new(Key.Esc, null, null, TuiAction.Back),
        new(new Key('/'), "/", "filter", TuiAction.Filter),
        new(Key.R, "r", "refresh", TuiAction.Refresh),
        new(Key.Q, "q", "quit", TuiAction.Quit),
        new(Key.C.WithCtrl, null, null, TuiAction.Quit),
    ];

    public static IReadOnlyList<KeyBind> History { get; } = Common(
        new(Key.Enter, "Enter", "resume", TuiAction.Open),
        new(Key.C, "c", "checkpoints", TuiAction.Checkpoints),
        new(Key.N, "n", "new run", TuiAction.NewRun),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.D, "d", "delete", TuiAction.Delete));

    public static IReadOnlyList<KeyBind> Checkpoints { get; } = Common(
        new(Key.Enter, "Enter", "resume here", TuiAction.Open),
        new(Key.E, "e", "events", TuiAction.Events),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.B, "b/Esc", "back", TuiAction.Back));

    public static IReadOnlyList<KeyBind> Events { get; } = Common(
        new(Key.Enter, "Enter", "detail", TuiAction.Open),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.B, "b/Esc", "back", TuiAction.Back));

    public static IReadOnlyList<KeyBind> EventDetail { get; } =
    [
        new(Key.B, "b/Esc", "back", TuiAction.Back),
        new(Key.Esc, null, null, TuiAction.Back),
        new(Key.Y, "y", "copy", TuiAction.Copy),
        new(Key.Q, "q", "quit", TuiAction.Quit),
        new(Key.C.WithCtrl, null, null, TuiAction.Quit),
    ];

    public static IReadOnlyList<KeyBind> Experts { get; } = Common(
        new(Key.Enter, "Enter", "select", TuiAction.Open),
        new(Key.I, "i", "type a key", TuiAction.TypeExpert),
        new(Key.H, "h", "history", TuiAction.History),
        new(Key.B, "b/Esc", "back", TuiAction.Back));

    /// <summary>The status-bar text of a table: navigation first, then each shown binding.</summary>
    public static string Hints(IReadOnlyList<KeyBind> table, bool scrolling = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        var parts = new List<string>();
        if (scrolling)
        {
            parts.Add("↑↓ PgUp/PgDn Home/End move");
        }

        parts.AddRange(table.Where(b => b.KeyLabel is not null).Select(b => $"{b.KeyLabel} {b.Hint}"));
        return string.Join("  ", parts);
    }
}
