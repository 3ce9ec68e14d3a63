using Perstack.App.Tui.Shell;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Controls;

/// <summary>
/// A list view whose keys come from a <see cref="KeyBind"/> table, each bound as a command: a plain
/// <see cref="ListView"/> would eat letter keys for type-ahead search.
/// </summary>
internal sealed class BrowserList : PaintedListView
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
