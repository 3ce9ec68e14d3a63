using Perstack.App.Tui.Controls;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Perstack.App.Tui.Shell;

/// <summary>The <c>?</c> overlay: every screen's keys (<see cref="HelpText"/>), scrollable; Esc, q or ? closes it.</summary>
internal sealed class HelpOverlay : FrameView
{
    private readonly ListView _lines;

    public HelpOverlay()
    {
        Title = "Keys (Esc closes)";
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
            if (key == Key.Esc || key == Key.Q || key == new Key('?'))
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
        Closed?.Invoke(this, EventArgs.Empty);
    }
}
