using Perstack.App.Tui.Shell;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A list view whose keys come from a <see cref="KeyBind"/> table, each bound as a command: a plain
/// <see cref="ListView"/> would eat letter keys for type-ahead search.
/// </summary>
internal sealed class BrowserList : ListView
{
    private readonly Func<TuiAction, bool> _perform;
    private readonly List<Key> _bound = [];

    public BrowserList(Func<TuiAction, bool> perform)
    {
        _perform = perform;
        KeystrokeNavigator = null!;
        foreach (var action in Enum.GetValues<TuiAction>())
        {
            var captured = action;
            AddCommand(KeyMap.CommandOf(action), () => _perform(captured));
        }

        // vi keys beside the arrows, Home and End (a letter key reaches the list only when bound).
        KeyBindings.Add(Key.J, Command.Down);
        KeyBindings.Add(Key.K, Command.Up);
        KeyBindings.Add(Key.G, Command.Start);
        KeyBindings.Add(Key.G.WithShift, Command.End);
    }

    /// <summary>
    /// Not cleared before it draws once it has rows: the list paints every cell of its viewport itself (rows past the
    /// end as spaces, a row padded to the width by <see cref="RowSource{T}"/> and <see cref="PageSource"/>), and
    /// Terminal.Gui's clear costs as much per cell as the paint, so it was a third of the redraw after each key.
    /// </summary>
    protected override bool OnClearingViewport() => Source is not null;

    /// <summary>Rows painted cell by cell, unchanged cells left alone (see <see cref="RowPainter"/>).</summary>
    protected override bool OnDrawingContent(Terminal.Gui.ViewBase.DrawContext? context)
    {
        if (Source is null || ShowMarks)
        {
            return base.OnDrawingContent(context);
        }

        RowPainter.PaintList(this);
        return true;
    }

    /// <summary>Replaces the screen-specific bindings with <paramref name="table"/>.</summary>
    public void Bind(IReadOnlyList<KeyBind> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var key in _bound)
        {
            KeyBindings.Remove(key);
        }

        _bound.Clear();
        foreach (var bind in table)
        {
            KeyBindings.Remove(bind.Key);
            KeyBindings.Add(bind.Key, KeyMap.CommandOf(bind.Action));
            _bound.Add(bind.Key);
        }
    }
}
