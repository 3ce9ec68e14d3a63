using Perstack.App.Tui.Controls;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Shell;

/// <summary>
/// The help overlay (<c>?</c> on a list, F1 anywhere): every screen's keys (<see cref="HelpText"/>), scrollable; Esc, q,
/// ? or F1 closes it, and the focus goes back where it was.
/// </summary>
internal sealed class HelpOverlay : FrameView
{
    private readonly ListView _lines;

    // The view that had the focus when the overlay opened (a list, the query field, the continue box).
    private View? _returnFocus;

    // Where the cursor was in a text field that had the focus: focusing a field again selects all its text, so the next
    // key typed would replace what was typed before the help.
    private int _returnInsertion;

    public HelpOverlay()
    {
        Title = "Keys: F1 anywhere, ? in lists; Esc closes";
        X = Pos.Center();
        Y = Pos.Center();
        Width = Dim.Percent(80);
        Height = Dim.Percent(80);
        Visible = false;
        _lines = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), KeystrokeNavigator = null! };
        _lines.KeyBindings.Remove(Key.Esc);
        Add(_lines);
        _lines.KeyDown += (_, key) =>
        {
            if (key == Key.Esc || key == Key.Q || key == new Key('?') || key == KeyMap.HelpAnywhere.Key)
            {
                Close();
                key.Handled = true;
            }
        };
    }

    /// <summary>The overlay was closed.</summary>
    public event EventHandler? Closed;

    public bool IsOpen => Visible;

    /// <summary>Shows the keys, those of <paramref name="current"/> first.</summary>
    public void Open(Screen current)
    {
        if (Visible)
        {
            return;
        }

        _returnFocus = SuperView?.MostFocused;
        _returnInsertion = _returnFocus is TextField field ? field.InsertionPoint : 0;
        var lines = HelpText.Lines(current);
        _lines.Source = new RowSource<string>(lines, l => l);
        _lines.SelectedItem = 0;
        Visible = true;
        _lines.SetFocus();
        SetNeedsDraw();
    }

    public void Close()
    {
        Visible = false;
        var back = _returnFocus;
        _returnFocus = null;
        if (back is { Visible: true })
        {
            back.SetFocus();
            if (back is TextField field)
            {
                field.ClearAllSelection();
                field.InsertionPoint = _returnInsertion;
            }
        }

        Closed?.Invoke(this, EventArgs.Empty);
    }
}
